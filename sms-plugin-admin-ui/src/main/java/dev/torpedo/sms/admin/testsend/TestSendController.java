package dev.torpedo.sms.admin.testsend;

import dev.torpedo.sms.admin.AdminAccess;
import dev.torpedo.sms.admin.AdminPaths;
import dev.torpedo.sms.admin.AdminUser;
import dev.torpedo.sms.admin.FormNonce;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** "Testar": the form, "Enviar mensagem", and the state of the message it sent. */
@Controller
class TestSendController {

    static final String VIEW = "torpedo/sms/admin/test";

    private final AdminAccess access;
    private final TestSendService tests;

    TestSendController(AdminAccess access, TestSendService tests) {
        this.access = access;
        this.tests = tests;
    }

    @GetMapping(AdminPaths.TEST)
    ModelAndView show(HttpServletRequest request, @RequestParam(name = "mensagem", required = false) Long messageId) {
        AdminUser user = access.viewer(request);
        return page(tests.view(user, messageId));
    }

    @PostMapping(AdminPaths.TEST)
    ModelAndView send(HttpServletRequest request, @RequestParam(name = "para", required = false) String to,
                      @RequestParam(name = "mensagem", required = false) String template,
                      @RequestParam(name = "nonce", required = false) String nonce) {
        AdminUser user = access.editor(request);
        TestSendService.Outcome outcome = tests.send(user, new TestSendService.Form(to, template, nonce));
        if (outcome.sent()) {
            return new ModelAndView("redirect:" + AdminPaths.TEST + "?mensagem=" + outcome.messageId());
        }
        ModelAndView page = page(outcome.view());
        page.setStatus(HttpStatusCode.valueOf(422));
        return page;
    }

    private static ModelAndView page(TestSendService.View view) {
        ModelAndView page = new ModelAndView(VIEW, "view", view);
        page.addObject("nonce", FormNonce.next());
        return page;
    }
}
