package dev.torpedo.sms.impl.gateway.zenvia;

import dev.torpedo.sms.api.MessageEncoding;
import dev.torpedo.sms.api.spi.OutboundSms;
import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.api.spi.SmsGateway;
import dev.torpedo.sms.api.spi.SmsProfile;
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
 *  "contents": [{"type": "text", "text": "<the text>", "encodingStrategy": "MORE_CHARACTERS_PER_MESSAGE"}]}
 * }</pre>
 *
 * The encoding is stated, as counted by {@link #PROFILE}: {@code MORE_CHARACTERS_PER_MESSAGE} (standard) or
 * {@code MORE_CHARACTER_SUPPORT} (unicode). The recipient goes as 55 + DDD + number, without '+'. A 2xx answer carrying the message's {@code id} is accepted
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

    /**
     * Zenvia's own rules, from the SMS section of its API documentation: parts of 152 characters in the standard
     * encoding and 66 in unicode, cut at a space; é, à, Ç, ñ, ü and the other accented letters, and {@code |}, only
     * in unicode (so, on the safe side, no escapes into GSM 03.38's extension table: Zenvia counts its standard
     * set as about 110 characters, which leaves no room for them); tabs and double spaces made one space; at most
     * 1,520 characters.
     */
    public static final SmsProfile PROFILE = SmsProfile.builder(NAME)
            .unicodeOnly("çÇáéíóúýÁÉÍÓÚÝàèìòùÀÈÌÒÙãõñäëïöüÿÄËÏÖÜÃÕÑâêîôûÂÊÎÔÛºª°|")
            .extensionTable(false)
            .standardParts(160, 152)
            .unicodeParts(70, 66)
            .cut(SmsProfile.Cut.AT_SPACES)
            .collapsesSpaces(true)
            .maxCharacters(1520)
            .build();
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
        // The encoding stated, never Zenvia's AUTO, so that what it sends is what the message was charged.
        body.putArray("contents").addObject().put("type", "text").put("text", sms.text())
                .put("encodingStrategy", sms.encoding() == MessageEncoding.GSM_7
                        ? "MORE_CHARACTERS_PER_MESSAGE" : "MORE_CHARACTER_SUPPORT");
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

    @Override
    public SmsProfile profile() {
        return PROFILE;
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
