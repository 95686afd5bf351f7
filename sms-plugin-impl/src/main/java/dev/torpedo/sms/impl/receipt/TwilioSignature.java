package dev.torpedo.sms.impl.receipt;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks Twilio's {@code X-Twilio-Signature}: the base64 HMAC-SHA1, keyed by the account's auth token, of the
 * full URL Twilio called (query string included) followed by each POST parameter's name and value, sorted by
 * name (a name sent several times: its distinct values, sorted, as Twilio's PHP validator and its published
 * example do; Twilio's messaging webhooks send each name once). Like Twilio's own libraries it accepts the URL
 * with and without its port, since proxies add or drop a default one.
 *
 * <pre>{@code
 * var signature = new TwilioSignature(authToken);
 * boolean genuine = signature.matches("https://loja.example.com/torpedo/sms/webhooks/twilio/status",
 *         Map.of("MessageSid", List.of("SM123"), "MessageStatus", List.of("delivered")), header);
 * }</pre>
 */
public final class TwilioSignature {

    private static final String ALGORITHM = "HmacSHA1";

    private final SecretKeySpec key;

    /** @param authToken the Twilio account's auth token; never logged */
    public TwilioSignature(String authToken) {
        if (authToken == null || authToken.isEmpty()) {
            throw new IllegalArgumentException("A Twilio auth token is required to check signatures");
        }
        this.key = new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The signature Twilio would send for this URL and these POST parameters. */
    public String sign(String url, Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder(Objects.requireNonNull(url, "url"));
        new TreeMap<>(params).forEach((name, values) -> values.stream().distinct().sorted()
                .forEach(value -> data.append(name).append(value)));
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is part of every Java runtime", e);
        }
    }

    /** Whether {@code signature} is Twilio's for this request; compared in constant time. */
    public boolean matches(String url, Map<String, List<String>> params, String signature) {
        if (url == null || signature == null || signature.isBlank()) {
            return false;
        }
        byte[] given = signature.strip().getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (String candidate : withAndWithoutPort(url)) {
            // Every candidate is checked, match or not, so that timing tells nothing.
            match |= MessageDigest.isEqual(sign(candidate, params).getBytes(StandardCharsets.UTF_8), given);
        }
        return match;
    }

    /** The URL as given, without its port, and with the scheme's default port when it has none. */
    static List<String> withAndWithoutPort(String url) {
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add(url);
        try {
            URI uri = new URI(url);
            String authority = uri.getRawAuthority();
            String host = uri.getHost();
            if (authority != null && host != null && uri.getScheme() != null) {
                String userInfo = uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@";
                int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : -1;
                String prefix = uri.getScheme() + "://";
                String rest = url.substring(url.indexOf(authority, prefix.length()) + authority.length());
                candidates.add(prefix + userInfo + host + rest);
                if (uri.getPort() != -1) {
                    candidates.add(prefix + userInfo + host + ":" + uri.getPort() + rest);
                } else if (defaultPort != -1) {
                    candidates.add(prefix + userInfo + host + ":" + defaultPort + rest);
                }
            }
        } catch (URISyntaxException e) {
            // Not a URL Twilio could have called: only the string as given is tried.
        }
        return new ArrayList<>(candidates);
    }
}
