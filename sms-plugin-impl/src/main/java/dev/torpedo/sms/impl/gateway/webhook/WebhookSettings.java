package dev.torpedo.sms.impl.gateway.webhook;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the webhook gateway posts and the secret it signs with. Either may be missing until the gateway is
 * built; see {@link #missing()}. The URL is not printed either: such URLs often carry a key of their own.
 *
 * <pre>{@code
 * var settings = new WebhookSettings("https://sms.example.com/torpedo", secret);
 * }</pre>
 */
public record WebhookSettings(String url, String secret) {

    /** The settings that a send needs and that are missing, by property suffix ({@code url}, {@code secret}). */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (url == null || url.isBlank()) {
            missing.add("url");
        }
        if (secret == null || secret.isBlank()) {
            missing.add("secret");
        }
        return missing;
    }

    @Override
    public String toString() {
        return "WebhookSettings[url=" + (url == null || url.isBlank() ? "(none)" : "****") + ", secret="
                + (secret == null || secret.isBlank() ? "(none)" : "****") + "]";
    }
}
