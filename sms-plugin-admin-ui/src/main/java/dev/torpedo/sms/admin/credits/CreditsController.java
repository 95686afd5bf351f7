package dev.torpedo.sms.admin.credits;

import dev.torpedo.sms.admin.AdminAccess;
import dev.torpedo.sms.admin.AdminPaths;
import dev.torpedo.sms.admin.AdminUser;
import dev.torpedo.sms.admin.Texts;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The merchant's credits and "Comprar crédito"; the operator's confirmation of payments. */
@Controller
class CreditsController {

    static final String VIEW = "torpedo/sms/admin/credits";
    static final String OPERATOR_VIEW = "torpedo/sms/admin/operator";

    private final AdminAccess access;
    private final CreditsService credits;

    CreditsController(AdminAccess access, CreditsService credits) {
        this.access = access;
        this.credits = credits;
    }

    @GetMapping(AdminPaths.CREDITS)
    ModelAndView show(HttpServletRequest request) {
        AdminUser user = access.viewer(request);
        return new ModelAndView(VIEW, "view", credits.view(user));
    }

    @PostMapping(AdminPaths.PURCHASES)
    ModelAndView buy(HttpServletRequest request, @RequestParam(name = "creditos", required = false) String amount,
                     RedirectAttributes flash) {
        AdminUser user = access.editor(request);
        CreditsService.View refused = credits.buy(user, amount);
        if (refused != null) {
            ModelAndView page = new ModelAndView(VIEW, "view", refused);
            page.setStatus(HttpStatusCode.valueOf(422));
            return page;
        }
        flash.addFlashAttribute("notice", new Texts(user.locale()).get("credits.buy.done"));
        return new ModelAndView("redirect:" + AdminPaths.CREDITS);
    }

    @GetMapping(AdminPaths.OPERATOR_PURCHASES)
    ModelAndView awaiting(HttpServletRequest request) {
        access.operator(request);
        return new ModelAndView(OPERATOR_VIEW, "view", credits.operatorView(AdminAccess.locale(request)));
    }

    @PostMapping(AdminPaths.OPERATOR_PURCHASES + "/{id}/pagamento")
    ModelAndView confirm(HttpServletRequest request, @PathVariable("id") long purchaseId,
                         @RequestParam(name = "pagoEm", required = false) String paidOn, RedirectAttributes flash) {
        access.operator(request);
        CreditsService.Confirmation confirmation = credits.confirm(purchaseId, paidOn, AdminAccess.locale(request));
        if (!confirmation.confirmed()) {
            ModelAndView page = new ModelAndView(OPERATOR_VIEW, "view", confirmation.refused());
            page.setStatus(HttpStatusCode.valueOf(422));
            return page;
        }
        flash.addFlashAttribute("notice", new Texts(AdminAccess.locale(request))
                .get("operator.confirmed", Long.toString(purchaseId), confirmation.creditOn()));
        return new ModelAndView("redirect:" + AdminPaths.OPERATOR_PURCHASES);
    }
}
