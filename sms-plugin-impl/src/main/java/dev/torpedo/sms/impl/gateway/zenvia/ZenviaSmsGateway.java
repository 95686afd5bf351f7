package dev.torpedo.sms.impl.gateway.zenvia;

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

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends through Zenvia's API v2: {@code POST /v2/channels/sms/messages} with the token in {@code X-API-TOKEN} and
 *
 * <pre>{@code
 * {"from": "<sender id>", "to": "5511912345678", "externalId": "<our message id>",
 *  "contents": [{"type": "text", "text": "<the text>"}]}
 * }</pre>
 *
 * The recipient goes as 55 + DDD + number, without '+'. A 2xx answer carrying the message's {@code id} is accepted
 * (Zenvia answers 200); a 2xx without one is ambiguous. Errors carry {@code {"code", "message", "details"}}:
 * 400 {@code VALIDATION_ERROR} and the other 4xx are permanent, 401 and 404 mean our configuration is wrong
 * (retryable, the breaker pauses), 429 and 500 ("retry: yes" in Zenvia's table) are retryable; see
 * {@link ProviderHttp#byStatus}.
 *
 * <pre>{@code
 * SmsGateway zenvia = new ZenviaSmsGateway(http, new ZenviaSettings(ZenviaSettings.DEFAULT_BASE_URL, token, "loja"), clock);
 * }</pre>
 */
public final class ZenviaSmsGateway implements SmsGateway {

    static final String NAME = "zenvia";
    static final String PATH = "v2/channels/sms/messages";
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final Logger log = LoggerFactory.getLogger(ZenviaSmsGateway.class);

    private final ProviderHttp http;
    private final ZenviaSettings settings;
    private final Clock clock;
    private final HttpUrl endpoint;

    public ZenviaSmsGateway(ProviderHttp http, ZenviaSettings settings, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.endpoint = ProviderHttp.baseUrl("Zenvia", settings.missing(), settings.baseUrl())
                .newBuilder().addPathSegments(PATH).build();
    }

    @Override
    public SendResult send(OutboundSms sms) {
        ObjectNode body = ProviderJson.MAPPER.createObjectNode();
        body.put("from", settings.from());
        body.put("to", sms.to().e164().substring(1));
        body.put("externalId", sms.messageId());
        body.putArray("contents").addObject().put("type", "text").put("text", sms.text());
        Request request = new Request.Builder()
                .url(endpoint)
                .header("X-API-TOKEN", settings.token())
                .header("Accept", "application/json")
                .post(RequestBody.create(ProviderJson.MAPPER.writeValueAsString(body), JSON))
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
        String detail = json.map(ZenviaSmsGateway::detail).orElse(null);
        return ProviderHttp.byStatus(NAME, answer, clock, code, detail);
    }

    /** The error's message and its first detail ({@code details[0].message}), which says which field is wrong. */
    private static String detail(JsonNode error) {
        String message = ProviderJson.text(error, "message").orElse("");
        JsonNode first = error.path("details").path(0);
        String more = first.isObject() ? ProviderJson.text(first, "message").orElse("") : "";
        return (message + (more.isEmpty() ? "" : ": " + more)).strip();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String toString() {
        return "ZenviaSmsGateway[" + settings + "]";
    }
}
