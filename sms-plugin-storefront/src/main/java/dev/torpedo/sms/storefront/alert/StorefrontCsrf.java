package dev.torpedo.sms.storefront.alert;

import dev.torpedo.sms.impl.web.CsrfTokens;
import dev.torpedo.sms.impl.web.SecurityHeaders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * CSRF for the shopper's forms, the same rule as the admin's ({@link CsrfTokens}), the plugin's own token also
 * accepted in the {@value #OWN_HEADER} header (the "Avise-me" script's JSON posts); and the plugin's pages'
 * security headers ({@link SecurityHeaders}).
 */
final class StorefrontCsrf implements HandlerInterceptor {

    static final String OWN_HEADER = "X-Torpedo-CSRF";

    /** The refusal, answered 403 by the controller's advice. */
    static final class Refused extends RuntimeException {
        Refused() {
            super("POST without a valid CSRF token", null, false, false);
        }
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        SecurityHeaders.applyTo(response::containsHeader, response::setHeader);
        if (!"POST".equalsIgnoreCase(request.getMethod())) {
            return true;
        }
        HttpSession session = request.getSession(false);
        String sent = request.getHeader(OWN_HEADER) != null ? request.getHeader(OWN_HEADER)
                : request.getParameter(CsrfTokens.PARAMETER);
        if (!CsrfTokens.accepts(request.getAttribute(CsrfTokens.HOST_TOKEN),
                session == null ? null : session.getAttribute(CsrfTokens.SESSION_KEY), sent)) {
            throw new Refused();
        }
        return true;
    }

    /** The hidden field for this request's form. */
    static CsrfTokens.Field field(HttpServletRequest request) {
        return CsrfTokens.field(request.getAttribute(CsrfTokens.HOST_TOKEN),
                key -> request.getSession(true).getAttribute(key),
                (key, value) -> request.getSession(true).setAttribute(key, value));
    }
}
