package dev.torpedo.sms.impl.receipt;

import dev.torpedo.sms.impl.digest.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Zenvia's webhook (API v2), one endpoint for both subscriptions: {@code MESSAGE_STATUS} events become
 * {@link Receipt}s for {@link DeliveryReceipts}, and {@code MESSAGE} events with direction {@code IN} become
 * {@link InboundReply}s for {@link OptOut}.
 *
 * <p>Zenvia signs nothing, so each subscription is created with a secret custom header,
 * {@value #SECRET_HEADER}, which every request must carry: without it, or with another value, the answer is
 * 401 and nothing changes. A body that is not such an event is 400; any other event type is acknowledged and
 * ignored. Status mapping: SENT → SENT; DELIVERED, READ, VERIFIED → DELIVERED; NOT_DELIVERED and REJECTED →
 * UNDELIVERED (Zenvia accepted the message with a 200: it is billed); anything else → OTHER.
 *
 * <pre>{@code
 * var zenvia = new ZenviaWebhooks(secret, receipts, optOut);
 * WebhookResponse response = zenvia.handle(request::getHeader, body);   // 200, 400 or 401
 * }</pre>
 */
public final class ZenviaWebhooks {

    /** The gateway name the dispatcher records for messages sent through Zenvia. */
    public static final String GATEWAY = "zenvia";
    /** The custom header the subscriptions are created with. */
    public static final String SECRET_HEADER = "X-Torpedo-Webhook-Secret";

    private static final Logger log = LoggerFactory.getLogger(ZenviaWebhooks.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final byte[] secretDigest;
    private final DeliveryReceipts receipts;
    private final OptOut optOut;

    /**
     * @param secret the value of {@value #SECRET_HEADER} the subscriptions send; {@code null} or blank refuses
     *               every request (403) until one is configured
     */
    public ZenviaWebhooks(String secret, DeliveryReceipts receipts, OptOut optOut) {
        this.secretDigest = secret == null || secret.isBlank() ? null : sha256(secret);
        this.receipts = Objects.requireNonNull(receipts, "receipts");
        this.optOut = Objects.requireNonNull(optOut, "opt-out");
        if (secretDigest == null) {
            log.warn("No Zenvia webhook secret configured (torpedo.sms.zenvia.webhook-secret): Zenvia webhooks are"
                    + " refused until one is");
        }
    }

    /**
     * Authenticates and handles one request.
     *
     * @param headers the request's headers by name (a servlet's {@code getHeader} ignores case)
     * @param body    the raw JSON body
     */
    public WebhookResponse handle(Function<String, String> headers, String body) {
        if (secretDigest == null) {
            log.warn("Zenvia webhook refused: no secret is configured");
            return WebhookResponse.forbidden();
        }
        String given = headers.apply(SECRET_HEADER);
        // Digests of equal length, compared in constant time: neither the secret nor its length leaks.
        if (given == null || !MessageDigest.isEqual(sha256(given), secretDigest)) {
            log.warn("Zenvia webhook refused: {} {}", SECRET_HEADER, given == null ? "missing" : "wrong");
            return WebhookResponse.unauthorized();
        }
        JsonNode event;
        try {
            event = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            event = null;
        }
        if (event == null || !event.isObject()) {
            log.info("Zenvia webhook: the body is not a JSON event (400)");
            return WebhookResponse.badRequest();
        }
        String type = text(event.path("type"));
        if (type == null) {
            log.info("Zenvia webhook: an event without a type (400)");
            return WebhookResponse.badRequest();
        }
        if ("MESSAGE_STATUS".equals(type)) {
            return status(event);
        }
        if ("MESSAGE".equals(type)) {
            return message(event);
        }
        log.debug("Zenvia webhook: event type {} ignored", Logs.safe(type));
        return WebhookResponse.ok();
    }

    private WebhookResponse status(JsonNode event) {
        String messageId = text(event.path("messageId"));
        JsonNode status = event.path("messageStatus");
        String code = text(status.path("code"));
        if (messageId == null || messageId.isBlank() || code == null) {
            log.info("Zenvia webhook: MESSAGE_STATUS without messageId or messageStatus.code (400)");
            return WebhookResponse.badRequest();
        }
        ReceiptStatus mapped = map(code);
        String errorCode = firstCause(status.path("causes"));
        receipts.apply(new Receipt(GATEWAY, messageId, mapped, errorCode != null ? errorCode : code,
                instant(text(status.path("timestamp"))), ownId(event)));
        return WebhookResponse.ok();
    }

    private WebhookResponse message(JsonNode event) {
        JsonNode message = event.path("message");
        String direction = text(event.path("direction"));
        if (direction == null) {
            direction = text(message.path("direction"));
        }
        if (!"IN".equalsIgnoreCase(direction)) {
            // Our own outgoing messages, when the subscription asked for them: nothing to do.
            return WebhookResponse.ok();
        }
        String from = text(message.path("from"));
        if (from == null || from.isBlank()) {
            log.info("Zenvia webhook: inbound MESSAGE without message.from (400)");
            return WebhookResponse.badRequest();
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode content : message.path("contents")) {
            String text = text(content.path("text"));
            if (text != null && (content.path("type").isMissingNode() || "text".equals(text(content.path("type"))))) {
                texts.add(text);
            }
        }
        optOut.handle(new InboundReply(GATEWAY, from, String.join(" ", texts), text(message.path("id"))));
        return WebhookResponse.ok();
    }

    static ReceiptStatus map(String code) {
        return switch (code.toUpperCase(Locale.ROOT)) {
            case "SENT" -> ReceiptStatus.SENT;
            case "DELIVERED", "READ", "VERIFIED" -> ReceiptStatus.DELIVERED;
            case "NOT_DELIVERED", "REJECTED" -> ReceiptStatus.UNDELIVERED;
            default -> ReceiptStatus.OTHER;
        };
    }

    /** The first cause's channel error code: what a merchant or support can look up. */
    private static String firstCause(JsonNode causes) {
        for (JsonNode cause : causes) {
            String code = text(cause.path("channelErrorCode"));
            if (code != null && !code.isBlank()) {
                return code;
            }
        }
        return null;
    }

    /** The plugin's id of the message, which the Zenvia gateway sends as {@code externalId}. */
    private static Long ownId(JsonNode event) {
        String external = text(event.path("externalId"));
        if (external == null) {
            external = text(event.path("message").path("externalId"));
        }
        if (external == null || !external.matches("\\d{1,18}")) {
            return null;
        }
        return Long.valueOf(external);
    }

    private static Instant instant(String timestamp) {
        if (timestamp == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(timestamp).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A string or number field as text; {@code null} when absent or of another kind. */
    private static String text(JsonNode node) {
        return node.isString() || node.isNumber() ? node.asString() : null;
    }

    private static byte[] sha256(String text) {
        return Sha256.of(text);
    }
}
