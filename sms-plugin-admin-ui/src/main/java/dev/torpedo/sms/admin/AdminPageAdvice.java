package dev.torpedo.sms.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every admin page gets: its texts, the host's layout, the CSRF field and the paths; and what a person sees
 * when something goes wrong: a refusal (403), a bad request (400, 404), or an unexpected error (500, with a log
 * line that the page's reference points to), always a page in the host's layout, never a stack trace.
 */
@ControllerAdvice(basePackageClasses = AdminPageAdvice.class)
final class AdminPageAdvice {

    static final String ERROR_VIEW = "torpedo/sms/admin/error";
    private static final Logger log = LoggerFactory.getLogger(AdminPageAdvice.class);

    private final AdminModel model;

    AdminPageAdvice(AdminModel model) {
        this.model = model;
    }

    @ModelAttribute
    void common(HttpServletRequest request, org.springframework.ui.Model model) {
        model.addAllAttributes(common(request));
    }

    @ExceptionHandler(AdminAccessDenied.class)
    ModelAndView denied(AdminAccessDenied denied, HttpServletRequest request) {
        log.info("Torpedo admin refused {} {}: the user {}", request.getMethod(), request.getRequestURI(),
                denied.getMessage());
        return error(request, HttpStatusCode.valueOf(403), "error.denied", null);
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof TypeMismatchException) {
            return error(request, HttpStatusCode.valueOf(400), "error.bad-request", null);
        }
        if (e instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
            int status = response.getStatusCode().value();
            return error(request, response.getStatusCode(), status == 404 ? "error.not-found" : "error.bad-request", null);
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("Torpedo admin failed on {} {} (reference {})", request.getMethod(), request.getRequestURI(),
                reference, e);
        return error(request, HttpStatusCode.valueOf(500), "error.unexpected", reference);
    }

    private ModelAndView error(HttpServletRequest request, HttpStatusCode status, String message, String reference) {
        ModelAndView page = new ModelAndView(ERROR_VIEW);
        page.addAllObjects(common(request));
        page.addObject("message", message);
        page.addObject("reference", reference);
        page.setStatus(status);
        return page;
    }

    private Map<String, Object> common(HttpServletRequest request) {
        return model.attributes(request);
    }
}
