package dev.torpedo.sms.admin;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A one-time value each send form carries: it becomes part of the message's idempotency key, so that a form
 * sent twice (a double click, a reload) sends one message.
 */
public final class FormNonce {

    private static final SecureRandom RANDOM = new SecureRandom();

    private FormNonce() {
    }

    /** Whether {@code nonce} looks like one {@link #next} made (a key part must not carry anything else). */
    public static boolean isValid(String nonce) {
        return nonce != null && nonce.matches("[A-Za-z0-9_-]{16,64}");
    }

    public static String next() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
