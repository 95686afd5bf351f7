package dev.torpedo.sms.impl.testing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs a request the way Twilio does, written out here independently of the plugin's validator so that tests
 * do not check the validator against itself: HMAC-SHA1 keyed by the auth token over the URL followed by each
 * POST parameter's name and value, sorted by name, in base64.
 *
 * <pre>{@code
 * String header = TwilioTestSigner.sign("token", "https://loja.example.com/torpedo/sms/webhooks/twilio/status",
 *         Map.of("MessageSid", "SM1", "MessageStatus", "delivered"));
 * }</pre>
 */
public final class TwilioTestSigner {

    private TwilioTestSigner() {
    }

    public static String sign(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
