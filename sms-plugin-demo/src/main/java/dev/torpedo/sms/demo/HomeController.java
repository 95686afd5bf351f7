package dev.torpedo.sms.demo;

import dev.torpedo.sms.demo.shop.Stores;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The demo's front door (the two stores, the phone and the admin) and the admin's login page. */
@Controller
class HomeController {

    private final Stores stores;

    HomeController(Stores stores) {
        this.stores = stores;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("stores", stores.all());
        model.addAttribute("accounts", DemoAccounts.ALL);
        return "home";
    }

    @GetMapping("/entrar")
    String login(@RequestParam(name = "erro", required = false) String failed,
                 @RequestParam(name = "logout", required = false) String loggedOut, Model model) {
        model.addAttribute("failed", failed != null);
        model.addAttribute("loggedOut", loggedOut != null);
        model.addAttribute("accounts", DemoAccounts.ALL);
        return "entrar";
    }
}
