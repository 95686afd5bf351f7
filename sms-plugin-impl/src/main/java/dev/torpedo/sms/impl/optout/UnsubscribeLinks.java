package dev.torpedo.sms.impl.optout;

import dev.torpedo.sms.api.MobileNumber;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The short link in an "Avise-me" alert that stops alerts to the shopper, without a login:
 * {@code loja.com.br/sair/2n9c-Xq3vB8kLm2}. The token is the subscription's id and an HMAC-SHA256 (72 bits, base64url)
 * of that id, the number and the product, keyed by a secret of the host's: it cannot be guessed or forged, and a
 * token of one subscription never works for another number or product.
 *
 * <pre>{@code
 * var links = new UnsubscribeLinks("loja.com.br/sair", secret);
 * String url = links.urlFor(42, number, "caneca-azul");      // "loja.com.br/sair/16-..."
 * links.subscriptionOf(token);                              // 42, if the token is well formed
 * links.isValid(token, number, "caneca-azul");             // true: it was made for them
 * }</pre>
 */
public final class UnsubscribeLinks {

    private static final Pattern TOKEN = Pattern.compile("([0-9a-z]{1,13})-([A-Za-z0-9_-]{12})");
    private static final String ALGORITHM = "HmacSHA256";
    private static final int SIGNATURE_BYTES = 9;

    private final String base;
    private final SecretKeySpec key;

    /**
     * @param base   what comes before the token, as short as the host can make it, without {@code https://}
     *               (phones link it anyway), such as {@code loja.com.br/sair}
     * @param secret at least 32 characters; never logged
     */
    public UnsubscribeLinks(String base, String secret) {
        this.base = Objects.requireNonNull(base, "base").replaceAll("/+$", "");
        Objects.requireNonNull(secret, "secret");
        if (secret.length() < 32) {
            throw new IllegalArgumentException("The unsubscribe secret has at least 32 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The link for one subscription. */
    public String urlFor(long subscriptionId, MobileNumber number, String productId) {
        return base + "/" + tokenFor(subscriptionId, number, productId);
    }

    String tokenFor(long subscriptionId, MobileNumber number, String productId) {
        return Long.toString(subscriptionId, 36) + "-" + signature(subscriptionId, number, productId);
    }

    /** The subscription a token names, if it is shaped like one of ours (not yet whether it is genuine). */
    public static Optional<Long> subscriptionOf(String token) {
        Matcher matcher = TOKEN.matcher(Objects.requireNonNullElse(token, ""));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(matcher.group(1), 36));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code token} was made for this subscription's number and product. Constant time. */
    public boolean isValid(String token, MobileNumber number, String productId) {
        Optional<Long> id = subscriptionOf(token);
        if (id.isEmpty() || number == null || productId == null) {
            return false;
        }
        String expected = tokenFor(id.get(), number, productId);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.US_ASCII));
    }

    private String signature(long subscriptionId, MobileNumber number, String productId) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(("torpedo-unsubscribe\n" + subscriptionId + "\n" + number.e164() + "\n" + productId)
                    .getBytes(StandardCharsets.UTF_8));
            byte[] shortened = new byte[SIGNATURE_BYTES];
            System.arraycopy(digest, 0, shortened, 0, SIGNATURE_BYTES);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(shortened);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return "UnsubscribeLinks[" + base + "]";
    }
}
