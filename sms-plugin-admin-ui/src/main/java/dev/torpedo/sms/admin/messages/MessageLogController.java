package dev.torpedo.sms.admin.messages;

import dev.torpedo.sms.admin.AdminAccess;
import dev.torpedo.sms.admin.AdminPaths;
import dev.torpedo.sms.admin.AdminUser;
import dev.torpedo.sms.admin.Texts;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The message log, its health figures, and "Reenviar" with its warning. */
@Controller
class MessageLogController {

    static final String VIEW = "torpedo/sms/admin/messages";
    static final String RESEND_VIEW = "torpedo/sms/admin/resend";

    private final AdminAccess access;
    private final MessageLogService log;

    MessageLogController(AdminAccess access, MessageLogService log) {
        this.access = access;
        this.log = log;
    }

    @GetMapping(AdminPaths.MESSAGES)
    ModelAndView show(HttpServletRequest request, @RequestParam(name = "situacao", required = false) String status,
                      @RequestParam(name = "busca", required = false) String query) {
        AdminUser user = access.viewer(request);
        return new ModelAndView(VIEW, "view", log.view(user, status, query));
    }

    @GetMapping(AdminPaths.MESSAGES + "/{id}/reenviar")
    ModelAndView confirmResend(HttpServletRequest request, @PathVariable("id") long id) {
        AdminUser user = access.editor(request);
        return new ModelAndView(RESEND_VIEW, "view", log.resendView(user, id).orElseThrow(MessageLogController::notFound));
    }

    @PostMapping(AdminPaths.MESSAGES + "/{id}/reenviar")
    ModelAndView resend(HttpServletRequest request, @PathVariable("id") long id,
                        @RequestParam(name = "confirmo", required = false) String confirmed, RedirectAttributes flash) {
        AdminUser user = access.editor(request);
        Texts t = new Texts(user.locale());
        if (!"sim".equals(confirmed)) {
            MessageLogService.ResendView page = log.resendView(user, id).orElseThrow(MessageLogController::notFound);
            ModelAndView view = new ModelAndView(RESEND_VIEW, "view",
                    new MessageLogService.ResendView(page.message(), t.get("resend.confirm.error")));
            view.setStatus(HttpStatusCode.valueOf(422));
            return view;
        }
        Optional<Long> resent = log.resend(user, id);
        flash.addFlashAttribute(resent.isPresent() ? "notice" : "error",
                resent.isPresent() ? t.get("resend.done", Long.toString(resent.get())) : t.get("resend.impossible"));
        return new ModelAndView("redirect:" + AdminPaths.MESSAGES);
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
