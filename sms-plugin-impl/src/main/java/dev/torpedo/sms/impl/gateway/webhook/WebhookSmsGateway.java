package dev.torpedo.sms.impl.gateway.webhook;

import dev.torpedo.sms.api.spi.OutboundSms;
import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.api.spi.SmsGateway;
import dev.torpedo.sms.impl.gateway.HttpAnswer;
import dev.torpedo.sms.impl.gateway.ProviderHttp;
import dev.torpedo.sms.impl.gateway.ProviderJson;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Hands each message to any other provider through one signed JSON webhook. The contract, for whoever writes the
 * receiving end:
 *
 * <p><b>Request.</b> {@code POST <torpedo.sms.webhook.url>}, {@code Content-Type: application/json; charset=utf-8}:
 * <pre>{@code
 * {"messageId": "1234", "storeId": "loja-1", "to": "+5511912345678", "text": "Loja: ...",
 *  "segments": 1, "encoding": "GSM_7"}
 * }</pre>
 * {@code messageId} is unique per message: use it to drop duplicates. {@code encoding} is {@code GSM_7} or
 * {@code UCS_2}. Headers: {@code X-Torpedo-Timestamp} (epoch seconds when sent) and {@code X-Torpedo-Signature},
 * the lowercase hex HMAC-SHA256 of {@code timestamp + "." + body} keyed by the shared secret (see
 * {@link WebhookSignature#verify}).
 *
 * <p><b>Answer.</b>
 * <ul>
 *   <li>2xx with {@code {"id": "<your id for the message>"}}: accepted; the id is what delivery receipts name. A 2xx
 *       without an id is ambiguous: the message is not resent.</li>
 *   <li>4xx with {@code {"code": "...", "message": "...", "optedOut": true|false}} (body optional): this message will
 *       never go; {@code optedOut: true} says the recipient unsubscribed, and the number is suppressed. 401, 403
 *       and 404 mean our configuration is wrong: retried later, and the provider is paused meanwhile.</li>
 *   <li>429 (with Retry-After in seconds or as an HTTP date), 408, 500, 502, 503: nothing was taken, retried later.</li>
 *   <li>504 or any other answer, or none after the request was sent: ambiguous, never resent.</li>
 * </ul>
 *
 * <pre>{@code
 * SmsGateway webhook = new WebhookSmsGateway(http, new WebhookSettings(url, secret), clock);
 * }</pre>
 */
public final class WebhookSmsGateway implements SmsGateway {

    static final String NAME = "webhook";
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final Logger log = LoggerFactory.getLogger(WebhookSmsGateway.class);

    private final ProviderHttp http;
    private final WebhookSettings settings;
    private final Clock clock;
    private final HttpUrl endpoint;

    public WebhookSmsGateway(ProviderHttp http, WebhookSettings settings, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.endpoint = ProviderHttp.baseUrl("The webhook gateway", settings.missing(), settings.url());
    }

    @Override
    public SendResult send(OutboundSms sms) {
        ObjectNode json = ProviderJson.MAPPER.createObjectNode();
        json.put("messageId", sms.messageId());
        json.put("storeId", sms.storeId().value());
        json.put("to", sms.to().e164());
        json.put("text", sms.text());
        json.put("segments", sms.segments());
        json.put("encoding", sms.encoding().name());
        String body = ProviderJson.MAPPER.writeValueAsString(json);
        long timestamp = clock.instant().getEpochSecond();
        Request request = new Request.Builder()
                .url(endpoint)
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(settings.secret(), timestamp, body))
                .header("Accept", "application/json")
                // Signed bytes and sent bytes must be the same: the body goes as the exact UTF-8 we signed.
                .post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), JSON))
                .build();
        SendResult result = http.send(NAME, request, this::read);
        log.debug("{}: message {} to {}: {}", NAME, sms.messageId(), sms.to().masked(), result.getClass().getSimpleName());
        return result;
    }

    private SendResult read(HttpAnswer answer) {
        Optional<JsonNode> json = ProviderJson.parse(answer.body());
        if (answer.isSuccess()) {
            return ProviderJson.acceptedOrAmbiguous(NAME, answer, json, "id");
        }
        String code = json.flatMap(j -> ProviderJson.text(j, "code")).orElse(null);
        String detail = json.flatMap(j -> ProviderJson.text(j, "message")).orElse(null);
        boolean optedOut = json.map(j -> j.path("optedOut").asBoolean(false)).orElse(false);
        SendResult byStatus = ProviderHttp.byStatus(NAME, answer, clock, code, detail);
        if (optedOut && byStatus instanceof SendResult.Permanent permanent) {
            return SendResult.optedOut(permanent.reason() + ": the recipient opted out", permanent.providerCode());
        }
        return byStatus;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String toString() {
        return "WebhookSmsGateway[" + settings + "]";
    }
}
