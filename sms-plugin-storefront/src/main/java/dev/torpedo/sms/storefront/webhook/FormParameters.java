package dev.torpedo.sms.storefront.webhook;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The POST parameters of a form request, without those of its query string. A servlet merges both into one
 * parameter map, but Twilio signs the URL (query included) and the body's parameters apart: a query parameter
 * counted twice would break every signature.
 */
final class FormParameters {

    private FormParameters() {
    }

    /**
     * @param all      the servlet's parameter map (query string first, then body, per the servlet specification)
     * @param rawQuery the request's raw query string, {@code null} when it has none
     */
    static Map<String, List<String>> bodyOnly(Map<String, String[]> all, String rawQuery) {
        Map<String, List<String>> body = new LinkedHashMap<>();
        all.forEach((name, values) -> body.put(name, new ArrayList<>(List.of(values))));
        if (rawQuery == null || rawQuery.isEmpty()) {
            return body;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            List<String> values = body.get(name);
            if (values != null) {
                values.remove(value);
                if (values.isEmpty()) {
                    body.remove(name);
                }
            }
        }
        return body;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}
