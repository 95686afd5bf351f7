package dev.torpedo.sms.storefront.alert;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * What a shopper sees when a storefront page cannot answer: a form without its CSRF token (403), or an error of
 * ours (500, with a reference in the log). JSON to the fragment's script and to apps, a page in the host's frame
 * to a browser; never a stack trace.
 */
@ControllerAdvice(assignableTypes = {AlertController.class, UnsubscribeController.class, DataRemovalController.class})
final class StorefrontAdvice {

    static final String ERROR_VIEW = "torpedo/sms/storefront/error";
    private static final Logger log = LoggerFactory.getLogger(StorefrontAdvice.class);

    private final AlertPages pages;

    StorefrontAdvice(AlertPages pages) {
        this.pages = pages;
    }

    @ExceptionHandler(StorefrontCsrf.Refused.class)
    Object refused(HttpServletRequest request) {
        return answer(request, 403, "alert.forbidden");
    }

    /** A request no form of ours sends (no body, a broken one, a missing field): a 400 with a word, not a 500. */
    @ExceptionHandler({HttpMessageNotReadableException.class, ServletRequestBindingException.class,
            TypeMismatchException.class, HttpMediaTypeNotSupportedException.class})
    Object unreadable(HttpServletRequest request) {
        return answer(request, 400, "alert.bad-request");
    }

    @ExceptionHandler(Exception.class)
    Object unexpected(Exception e, HttpServletRequest request) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("Torpedo storefront failed on {} {} (reference {})", request.getMethod(), request.getRequestURI(),
                reference, e);
        return answer(request, 500, "alert.unexpected");
    }

    private Object answer(HttpServletRequest request, int status, String key) {
        String message = new AlertPages.Texts(AlertPages.locale(request)).get(key);
        if ("json".equals(request.getParameter("formato"))
                || MediaType.APPLICATION_JSON_VALUE.equals(request.getContentType())) {
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("status", status == 403 ? "FORBIDDEN" : "ERROR", "message", message));
        }
        ModelAndView page = new ModelAndView(ERROR_VIEW, Map.of("message", message,
                "torpedoAlertTexts", new AlertPages.Texts(AlertPages.locale(request)),
                "torpedoStorefrontLayout", pages.layout(), "torpedoAlertPaths", Map.of("assets", AlertPages.ASSETS)));
        page.setStatus(HttpStatusCode.valueOf(status));
        return page;
    }
}
