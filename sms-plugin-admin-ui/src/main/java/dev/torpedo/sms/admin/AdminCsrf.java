package dev.torpedo.sms.admin;

import dev.torpedo.sms.impl.web.SecurityHeaders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * CSRF for the admin's forms, and its pages' security headers ({@link SecurityHeaders}). When the host runs Spring Security, its
 * filter has already checked the token (it put its own on the request as {@value #HOST_TOKEN}): the forms carry
 * that one. Otherwise the plugin keeps its own token in the session and refuses any POST without it (403).
 */
final class AdminCsrf implements HandlerInterceptor {

    /** The request attribute under which Spring Security's CsrfFilter puts its token. */
    static final String HOST_TOKEN = "_csrf";
    static final String OWN_PARAMETER = "_torpedo_csrf";
    private static final String SESSION_KEY = AdminCsrf.class.getName();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        SecurityHeaders.applyTo(response::containsHeader, response::setHeader);
        if (request.getAttribute(HOST_TOKEN) != null || !"POST".equalsIgnoreCase(request.getMethod())) {
            return true;
        }
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(SESSION_KEY);
        String sent = request.getParameter(OWN_PARAMETER);
        if (expected == null || sent == null || !MessageDigest.isEqual(
                expected.toString().getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
            throw new AdminAccessDenied("POST without a valid CSRF token");
        }
        return true;
    }

    /** The field for this request's forms. */
    static CsrfField field(HttpServletRequest request) {
        Object hostToken = request.getAttribute(HOST_TOKEN);
        if (hostToken != null) {
            // Read as a bean, so that the plugin does not depend on Spring Security's classes.
            BeanWrapper token = PropertyAccessorFactory.forBeanPropertyAccess(hostToken);
            return new CsrfField((String) token.getPropertyValue("parameterName"), (String) token.getPropertyValue("token"));
        }
        HttpSession session = request.getSession(true);
        Object own = session.getAttribute(SESSION_KEY);
        if (own == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            own = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.setAttribute(SESSION_KEY, own);
        }
        return new CsrfField(OWN_PARAMETER, own.toString());
    }
}
