package dev.torpedo.sms.impl.web;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The response headers of every page the plugin renders itself (the admin's, the unsubscribe and data-removal
 * pages), each set only where the host has not set its own: no inline script, no sniffing, no framing by other
 * sites, and no referrer, since some of these pages carry a token in their address.
 *
 * <pre>{@code
 * SecurityHeaders.applyTo(response::containsHeader, response::setHeader);
 * }</pre>
 */
public final class SecurityHeaders {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; form-action 'self'; frame-ancestors 'self'; base-uri 'none'";

    public static final Map<String, String> PLUGIN_PAGES = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "SAMEORIGIN",
            "Referrer-Policy", "no-referrer");

    private SecurityHeaders() {
    }

    /** Sets each of {@link #PLUGIN_PAGES} that {@code present} says the response does not have yet. */
    public static void applyTo(Predicate<String> present, BiConsumer<String, String> set) {
        PLUGIN_PAGES.forEach((name, value) -> {
            if (!present.test(name)) {
                set.accept(name, value);
            }
        });
    }
}
