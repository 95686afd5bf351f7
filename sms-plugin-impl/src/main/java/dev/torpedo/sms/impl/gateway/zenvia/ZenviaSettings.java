package dev.torpedo.sms.impl.gateway.zenvia;

import java.util.ArrayList;
import java.util.List;

/**
 * Where and as whom the plugin sends through Zenvia. Any value may be missing until the gateway is built; see
 * {@link #missing()}.
 *
 * <pre>{@code
 * var settings = new ZenviaSettings("https://api.zenvia.com", System.getenv("ZENVIA_TOKEN"), "minha-loja");
 * }</pre>
 *
 * @param baseUrl the API's root, {@code https://api.zenvia.com}
 * @param token   the API token (header {@code X-API-TOKEN}); a secret, never printed
 * @param from    the SMS sender id (the account alias connected in Zenvia's console)
 */
public record ZenviaSettings(String baseUrl, String token, String from) {

    public static final String DEFAULT_BASE_URL = "https://api.zenvia.com";

    /** The settings that a send needs and that are missing, by property suffix ({@code token}, {@code from}). */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (isBlank(baseUrl)) {
            missing.add("base-url");
        }
        if (isBlank(token)) {
            missing.add("token");
        }
        if (isBlank(from)) {
            missing.add("from");
        }
        return missing;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** The token is a secret: it never reaches a log line. */
    @Override
    public String toString() {
        return "ZenviaSettings[baseUrl=" + baseUrl + ", token=" + (isBlank(token) ? "(none)" : "****") + ", from="
                + from + "]";
    }
}
