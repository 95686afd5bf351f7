package dev.torpedo.sms.impl.gateway;

import dev.torpedo.sms.api.spi.SendResult;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.util.Optional;

/**
 * Reading and writing the small JSON documents providers exchange with us, forgivingly: a body that is not JSON
 * reads as empty, never as an exception.
 *
 * <pre>{@code
 * Optional<String> id = ProviderJson.parse(answer.body()).flatMap(json -> ProviderJson.text(json, "id"));
 * }</pre>
 */
public final class ProviderJson {

    /** Thread-safe once built; shared by every gateway. */
    public static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private ProviderJson() {
    }

    /** The document, if {@code body} is a JSON object. */
    public static Optional<JsonNode> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
    }

    /** A field that is a non-blank string or a number, as text. */
    public static Optional<String> text(JsonNode json, String field) {
        JsonNode value = json.path(field);
        if (value.isString() || value.isNumber()) {
            String text = value.asString();
            return text.isBlank() ? Optional.empty() : Optional.of(text.strip());
        }
        return Optional.empty();
    }

    /**
     * A 2xx answer's outcome: accepted with the provider's id from {@code idField}; a 2xx without one is
     * ambiguous, since the provider may have taken the message.
     */
    public static SendResult acceptedOrAmbiguous(String provider, HttpAnswer answer, Optional<JsonNode> json,
                                                 String idField) {
        return json.flatMap(j -> text(j, idField))
                .map(SendResult::accepted)
                .orElseGet(() -> SendResult.ambiguous(provider + ": HTTP " + answer.status() + " without a message "
                        + idField + "; it may have been taken"));
    }
}
