package dev.torpedo.sms.admin;

import dev.torpedo.sms.impl.web.CsrfTokens;
import dev.torpedo.sms.impl.web.SecurityHeaders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * CSRF for the admin's forms ({@link CsrfTokens}: the host's Spring Security token, or the plugin's own, kept in
 * the session and required on every POST, else 403), and its pages' security headers ({@link SecurityHeaders}).
 */
final class AdminCsrf implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        SecurityHeaders.applyTo(response::containsHeader, response::setHeader);
        if (!"POST".equalsIgnoreCase(request.getMethod())) {
            return true;
        }
        HttpSession session = request.getSession(false);
        if (!CsrfTokens.accepts(request.getAttribute(CsrfTokens.HOST_TOKEN),
                session == null ? null : session.getAttribute(CsrfTokens.SESSION_KEY),
                request.getParameter(CsrfTokens.PARAMETER))) {
            throw new AdminAccessDenied("POST without a valid CSRF token");
        }
        return true;
    }

    /** The field for this request's forms. */
    static CsrfTokens.Field field(HttpServletRequest request) {
        return CsrfTokens.field(request.getAttribute(CsrfTokens.HOST_TOKEN),
                key -> request.getSession(true).getAttribute(key),
                (key, value) -> request.getSession(true).setAttribute(key, value));
    }
}
