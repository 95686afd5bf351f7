package dev.torpedo.sms.storefront.alert;

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
 * CSRF for the "Avise-me" form, the same rule as the admin's: the host's Spring Security token when its filter put
 * one on the request (it has checked it), otherwise the plugin's own, kept in the session and required on every
 * POST; and the plugin's pages' security headers ({@link SecurityHeaders}). (The admin module has its twin: the
 * two modules share no web code, by the design's module rules.)
 */
final class StorefrontCsrf implements HandlerInterceptor {

    static final String HOST_TOKEN = "_csrf";
    static final String OWN_PARAMETER = "_torpedo_csrf";
    static final String OWN_HEADER = "X-Torpedo-CSRF";
    private static final String SESSION_KEY = StorefrontCsrf.class.getName();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The refusal, answered 403 by the controller's advice. */
    static final class Refused extends RuntimeException {
        Refused() {
            super("POST without a valid CSRF token", null, false, false);
        }
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        SecurityHeaders.applyTo(response::containsHeader, response::setHeader);
        if (request.getAttribute(HOST_TOKEN) != null || !"POST".equalsIgnoreCase(request.getMethod())) {
            return true;
        }
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(SESSION_KEY);
        String sent = request.getHeader(OWN_HEADER) != null ? request.getHeader(OWN_HEADER) : request.getParameter(OWN_PARAMETER);
        if (expected == null || sent == null || !MessageDigest.isEqual(
                expected.toString().getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
            throw new Refused();
        }
        return true;
    }

    /** The hidden field for this request's form: parameter name and value. */
    static String[] field(HttpServletRequest request) {
        Object hostToken = request.getAttribute(HOST_TOKEN);
        if (hostToken != null) {
            BeanWrapper token = PropertyAccessorFactory.forBeanPropertyAccess(hostToken);
            return new String[]{(String) token.getPropertyValue("parameterName"), (String) token.getPropertyValue("token")};
        }
        HttpSession session = request.getSession(true);
        Object own = session.getAttribute(SESSION_KEY);
        if (own == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            own = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.setAttribute(SESSION_KEY, own);
        }
        return new String[]{OWN_PARAMETER, own.toString()};
    }
}
