package dev.torpedo.sms.impl.receipt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Twilio's two webhooks: the status callback of each sent message becomes a {@link Receipt} for
 * {@link DeliveryReceipts}, and an inbound SMS becomes an {@link InboundReply} for {@link OptOut}.
 *
 * <p>Every request must carry a valid {@value #SIGNATURE_HEADER} for the public URL Twilio called (see
 * {@link TwilioSignature}); otherwise the answer is 403 and nothing changes. A request without the fields its
 * kind needs is 400. Status mapping: accepted, scheduled, queued, sending, sent → SENT; delivered, read →
 * DELIVERED; undelivered → UNDELIVERED (the carrier was tried: billed, not refunded); failed → NOT_SENT
 * (Twilio never passed it on and bills no message price: refunded); anything else → OTHER.
 *
 * <p>A status callback URL may carry the plugin's message id as the query parameter
 * {@value #MESSAGE_ID_PARAMETER} (signed with the rest of the URL): that is how a message whose send timed out
 * (UNCERTAIN, no Twilio id known) gets its answer.
 *
 * <pre>{@code
 * var twilio = new TwilioWebhooks(authToken, receipts, optOut);
 * WebhookResponse response = twilio.statusCallback(publicUrl, postParams, request.getHeader("X-Twilio-Signature"));
 * }</pre>
 */
public final class TwilioWebhooks {

    /** The gateway name the dispatcher records for messages sent through Twilio. */
    public static final String GATEWAY = "twilio";
    public static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    /** Query parameter of a status callback URL that carries the plugin's message id. */
    public static final String MESSAGE_ID_PARAMETER = "torpedoMessageId";

    private static final Logger log = LoggerFactory.getLogger(TwilioWebhooks.class);

    private final TwilioSignature signature;
    private final DeliveryReceipts receipts;
    private final OptOut optOut;

    /**
     * @param authToken the Twilio account's auth token; {@code null} or blank refuses every request (403) until
     *                  one is configured
     */
    public TwilioWebhooks(String authToken, DeliveryReceipts receipts, OptOut optOut) {
        this.signature = authToken == null || authToken.isBlank() ? null : new TwilioSignature(authToken);
        this.receipts = Objects.requireNonNull(receipts, "receipts");
        this.optOut = Objects.requireNonNull(optOut, "opt-out");
        if (signature == null) {
            log.warn("No Twilio auth token configured (torpedo.sms.twilio.auth-token): Twilio webhooks are refused"
                    + " until one is");
        }
    }

    /**
     * A message status callback.
     *
     * @param url         the full public URL Twilio called, query string included
     * @param postParams  the form parameters of the body only (not the query string's)
     * @param signature   the {@value #SIGNATURE_HEADER} header, {@code null} when absent
     */
    public WebhookResponse statusCallback(String url, Map<String, List<String>> postParams, String signature) {
        if (!authentic("status callback", url, postParams, signature)) {
            return WebhookResponse.forbidden();
        }
        String sid = first(postParams, "MessageSid", "SmsSid");
        String status = first(postParams, "MessageStatus", "SmsStatus");
        if (sid == null || sid.isBlank() || status == null || status.isBlank()) {
            log.info("Twilio status callback without MessageSid or MessageStatus (400)");
            return WebhookResponse.badRequest();
        }
        String errorCode = first(postParams, "ErrorCode");
        receipts.apply(new Receipt(GATEWAY, sid, map(status), errorCode != null && !errorCode.isBlank()
                ? errorCode : status, null, ownId(url)));
        return WebhookResponse.ok();
    }

    /** An incoming SMS: answered with empty TwiML, so that Twilio sends no reply. */
    public WebhookResponse inbound(String url, Map<String, List<String>> postParams, String signature) {
        if (!authentic("inbound message", url, postParams, signature)) {
            return WebhookResponse.forbidden();
        }
        String from = first(postParams, "From");
        if (from == null || from.isBlank()) {
            log.info("Twilio inbound message without From (400)");
            return WebhookResponse.badRequest();
        }
        optOut.handle(new InboundReply(GATEWAY, from, first(postParams, "Body"), first(postParams, "MessageSid", "SmsSid")));
        return WebhookResponse.emptyTwiml();
    }

    private boolean authentic(String what, String url, Map<String, List<String>> postParams, String given) {
        if (signature == null) {
            log.warn("Twilio {} refused: no auth token is configured", what);
            return false;
        }
        if (!signature.matches(url, postParams, given)) {
            // The URL is logged without its query: the host's own, and the one thing to compare with Twilio's console.
            log.warn("Twilio {} refused: {} {} for {}", what, SIGNATURE_HEADER, given == null ? "missing" : "invalid",
                    Logs.safe(withoutQuery(url)));
            return false;
        }
        return true;
    }

    static ReceiptStatus map(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "accepted", "scheduled", "queued", "sending", "sent" -> ReceiptStatus.SENT;
            case "delivered", "read" -> ReceiptStatus.DELIVERED;
            case "undelivered" -> ReceiptStatus.UNDELIVERED;
            case "failed" -> ReceiptStatus.NOT_SENT;
            default -> ReceiptStatus.OTHER;
        };
    }

    private static String first(Map<String, List<String>> params, String... names) {
        for (String name : names) {
            List<String> values = params.get(name);
            if (values != null && !values.isEmpty() && values.get(0) != null) {
                return values.get(0);
            }
        }
        return null;
    }

    /** The plugin's message id from the URL's {@value #MESSAGE_ID_PARAMETER}, if it has one. */
    static Long ownId(String url) {
        String query;
        try {
            query = URI.create(url).getRawQuery();
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && MESSAGE_ID_PARAMETER.equals(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8))) {
                String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                return value.matches("\\d{1,18}") ? Long.valueOf(value) : null;
            }
        }
        return null;
    }

    private static String withoutQuery(String url) {
        if (url == null) {
            return null;
        }
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
