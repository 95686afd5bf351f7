package dev.torpedo.sms.impl.web;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The CSRF rule of every form the plugin renders, the admin's and the shopper's alike. When the host runs Spring
 * Security, its filter has already checked the request and put its token on it as {@value #HOST_TOKEN}: the forms
 * carry that one. Otherwise the plugin keeps a token of its own in the session ({@value #PARAMETER}), and a POST
 * must send it back. Free of the servlet API, like {@link SecurityHeaders}, so that each web module only adapts
 * its request to it:
 *
 * <pre>{@code
 * Object host = request.getAttribute(CsrfTokens.HOST_TOKEN);
 * HttpSession session = request.getSession(false);
 * boolean passes = CsrfTokens.accepts(host, session == null ? null : session.getAttribute(CsrfTokens.SESSION_KEY),
 *         request.getParameter(CsrfTokens.PARAMETER));
 * }</pre>
 */
public final class CsrfTokens {

    /** The request attribute under which Spring Security's CsrfFilter puts its token. */
    public static final String HOST_TOKEN = "_csrf";
    /** The form field of the plugin's own token. */
    public static final String PARAMETER = "_torpedo_csrf";
    /** The session attribute that keeps the plugin's own token: one a session, for every plugin form. */
    public static final String SESSION_KEY = CsrfTokens.class.getName();

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The hidden field a form carries: the host's Spring Security token, or the plugin's own. */
    public record Field(String parameterName, String token) {
    }

    private CsrfTokens() {
    }

    /**
     * Whether a POST may go on: the host's filter checked it ({@code hostToken} is there), or {@code sent} is the
     * session's own token, compared in constant time.
     */
    public static boolean accepts(Object hostToken, Object sessionToken, String sent) {
        if (hostToken != null) {
            return true;
        }
        return sessionToken != null && sent != null && MessageDigest.isEqual(
                sessionToken.toString().getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The field for a form: the host's token when its filter put one on the request (a Spring Security
     * {@code CsrfToken}, read as a bean so as not to depend on it), otherwise the session's own, made (32 random
     * bytes) and kept on first use; the session is only asked for then.
     */
    public static Field field(Object hostToken, Function<String, Object> sessionGet,
                              BiConsumer<String, Object> sessionSet) {
        if (hostToken != null) {
            BeanWrapper token = PropertyAccessorFactory.forBeanPropertyAccess(hostToken);
            return new Field((String) token.getPropertyValue("parameterName"),
                    (String) token.getPropertyValue("token"));
        }
        Object own = sessionGet.apply(SESSION_KEY);
        if (own == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            own = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            sessionSet.accept(SESSION_KEY, own);
        }
        return new Field(PARAMETER, own.toString());
    }
}
