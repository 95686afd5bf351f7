package dev.torpedo.sms.impl.gateway.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The webhook gateway's signature: lowercase hex of HMAC-SHA256, keyed by the shared secret, over
 * {@code timestamp + "." + body}, where the timestamp is the {@code X-Torpedo-Timestamp} header (epoch seconds)
 * and the body the exact bytes received (UTF-8). A receiver checks it, and that the timestamp is recent, to know
 * the request is ours and not a replay.
 *
 * <pre>{@code
 * boolean ours = WebhookSignature.verify(secret, request.header("X-Torpedo-Timestamp"),
 *         request.header("X-Torpedo-Signature"), rawBody, clock, Duration.ofMinutes(5));
 * }</pre>
 */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "X-Torpedo-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Torpedo-Signature";

    private WebhookSignature() {
    }

    /** The signature of {@code body} sent at {@code epochSeconds}. */
    public static String sign(String secret, long epochSeconds, String body) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(body, "body");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((epochSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /**
     * Whether the headers sign {@code body} with {@code secret}, at most {@code tolerance} away from the clock's
     * time. Compares in constant time.
     */
    public static boolean verify(String secret, String timestampHeader, String signatureHeader, String body,
                                 Clock clock, Duration tolerance) {
        if (timestampHeader == null || signatureHeader == null || body == null) {
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(timestamp), clock.instant()).abs();
        if (skew.compareTo(tolerance) > 0) {
            return false;
        }
        byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signatureHeader.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }
}
