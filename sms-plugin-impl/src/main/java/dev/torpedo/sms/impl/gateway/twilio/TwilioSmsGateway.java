package dev.torpedo.sms.impl.gateway.twilio;

import dev.torpedo.sms.api.spi.OutboundSms;
import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.api.spi.SmsGateway;
import dev.torpedo.sms.impl.gateway.HttpAnswer;
import dev.torpedo.sms.impl.gateway.ProviderHttp;
import dev.torpedo.sms.impl.gateway.ProviderJson;
import dev.torpedo.sms.impl.gateway.SendLookup;
import dev.torpedo.sms.impl.receipt.TwilioWebhooks;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Sends through Twilio's Messages API: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}, HTTP Basic
 * auth (AccountSid:AuthToken), form fields {@code To} (E.164), {@code MessagingServiceSid} when configured else
 * {@code From}, {@code Body}, and {@code StatusCallback} when configured. Twilio has no idempotency key for sends.
 *
 * <p>A 2xx answer (Twilio answers 201) carrying the message's {@code sid} is accepted; a 2xx without one is
 * ambiguous. Errors carry {@code {"code", "message", "more_info", "status"}}:
 * <ul>
 *   <li>21610 (the recipient replied STOP): permanent, and the number is suppressed;</li>
 *   <li>21211 (invalid 'To'), 21614 (not a mobile number), and any other 4xx: permanent;</li>
 *   <li>20003 (authentication), 20404 (no such account), 21212 (invalid 'From'), 21408 (sending to Brazil is not
 *       enabled), 21606 ('From' cannot send SMS): retryable, since the account's configuration is at fault, not the
 *       message; the circuit breaker pauses the provider until it is fixed;</li>
 *   <li>429 (never processed) with its Retry-After, 500, 502, 503: retryable; 504 and the rest: ambiguous (see
 *       {@link ProviderHttp#byStatus}).</li>
 * </ul>
 *
 * <pre>{@code
 * SmsGateway twilio = new TwilioSmsGateway(http, settings, clock);
 * }</pre>
 */
public final class TwilioSmsGateway implements SmsGateway, SendLookup {

    static final String NAME = "twilio";
    static final int UNSUBSCRIBED = 21610;
    private static final Set<Integer> CONFIGURATION = Set.of(20003, 20404, 21212, 21408, 21606);
    private static final Map<Integer, String> KNOWN = Map.of(
            21211, "invalid 'To' number",
            21614, "'To' is not a mobile number",
            21610, "the recipient unsubscribed (replied STOP)",
            21408, "sending to this region is not enabled on the account",
            21212, "invalid 'From' number",
            21606, "the 'From' number cannot send SMS",
            20003, "authentication failed");
    private static final Logger log = LoggerFactory.getLogger(TwilioSmsGateway.class);

    private final ProviderHttp http;
    private final TwilioSettings settings;
    private final Clock clock;
    private final HttpUrl endpoint;
    private final String authorization;

    public TwilioSmsGateway(ProviderHttp http, TwilioSettings settings, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.endpoint = ProviderHttp.baseUrl("Twilio", settings.missing(), settings.baseUrl()).newBuilder().addPathSegment("2010-04-01").addPathSegment("Accounts")
                .addPathSegment(settings.accountSid()).addPathSegment("Messages.json").build();
        this.authorization = Credentials.basic(settings.accountSid(), settings.authToken());
    }

    /**
     * The status callback URL carrying our message id, so that a message whose send timed out (UNCERTAIN, no
     * Twilio SID known) still gets its answer. Twilio signs the whole URL, query included.
     */
    private String statusCallbackFor(OutboundSms sms) {
        HttpUrl callback = HttpUrl.parse(settings.statusCallbackUrl());
        if (callback == null) {
            return settings.statusCallbackUrl();
        }
        return callback.newBuilder()
                .setQueryParameter(TwilioWebhooks.MESSAGE_ID_PARAMETER, sms.messageId())
                .build().toString();
    }

    @Override
    public SendResult send(OutboundSms sms) {
        FormBody.Builder form = new FormBody.Builder().add("To", sms.to().e164());
        if (TwilioSettings.isBlank(settings.messagingServiceSid())) {
            form.add("From", settings.from());
        } else {
            form.add("MessagingServiceSid", settings.messagingServiceSid());
        }
        form.add("Body", sms.text());
        if (!TwilioSettings.isBlank(settings.statusCallbackUrl())) {
            form.add("StatusCallback", statusCallbackFor(sms));
        }
        Request request = new Request.Builder()
                .url(endpoint)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .post(form.build())
                .build();
        SendResult result = http.send(NAME, request, this::read);
        log.debug("{}: message {} to {}: {}", NAME, sms.messageId(), sms.to().masked(), result.getClass().getSimpleName());
        return result;
    }

    /** How many of a number's messages one lookup reads: enough for any shopper's recent messages. */
    public static final int LOOKUP_PAGE = 50;
    private static final DateTimeFormatter TWILIO_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    /**
     * Lists the recipient's messages, newest first ({@code GET Messages.json?To=...}), and looks for one with the
     * same text created since {@code since}. A full page that does not reach back to {@code since} proves nothing:
     * {@link Found#UNKNOWN}.
     */
    @Override
    public Answer lookUp(OutboundSms sms, Instant since) {
        Request request = new Request.Builder()
                .url(endpoint.newBuilder().addQueryParameter("To", sms.to().e164())
                        .addQueryParameter("PageSize", String.valueOf(LOOKUP_PAGE)).build())
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .get()
                .build();
        return http.call(NAME, request, answer -> answer.isSuccess()
                ? ProviderJson.parse(answer.body()).map(json -> find(json, sms, since)).orElse(Answer.UNKNOWN)
                : Answer.UNKNOWN, Answer.UNKNOWN);
    }

    private static Answer find(JsonNode page, OutboundSms sms, Instant since) {
        JsonNode messages = page.path("messages");
        if (!messages.isArray()) {
            return Answer.UNKNOWN;
        }
        Instant oldest = null;
        for (JsonNode message : messages) {
            Instant created;
            try {
                created = ZonedDateTime.parse(message.path("date_created").asString(), TWILIO_DATE).toInstant();
            } catch (RuntimeException unreadable) {
                return Answer.UNKNOWN;
            }
            oldest = oldest == null || created.isBefore(oldest) ? created : oldest;
            if (!created.isBefore(since) && sms.text().equals(message.path("body").asString())
                    && sms.to().e164().equals(message.path("to").asString())) {
                return new Answer(Found.SENT, message.path("sid").asString());
            }
        }
        boolean complete = messages.size() < LOOKUP_PAGE || (oldest != null && oldest.isBefore(since));
        return complete ? Answer.NOT_SENT : Answer.UNKNOWN;
    }

    private SendResult read(HttpAnswer answer) {
        Optional<JsonNode> json = ProviderJson.parse(answer.body());
        if (answer.isSuccess()) {
            return ProviderJson.acceptedOrAmbiguous(NAME, answer, json, "sid");
        }
        Optional<Integer> code = json.flatMap(j -> ProviderJson.text(j, "code")).flatMap(TwilioSmsGateway::number);
        String detail = code.map(KNOWN::get)
                .or(() -> json.flatMap(j -> ProviderJson.text(j, "message")))
                .orElse(null);
        if (code.isPresent() && answer.status() >= 400 && answer.status() < 500 && answer.status() != 429) {
            int twilioCode = code.get();
            String reason = NAME + ": " + ProviderHttp.safeText(detail, 120);
            if (twilioCode == UNSUBSCRIBED) {
                return SendResult.optedOut(reason, String.valueOf(twilioCode));
            }
            if (CONFIGURATION.contains(twilioCode)) {
                log.warn("{}: the account's configuration refuses sends ({}): fix it; messages wait meanwhile", NAME,
                        twilioCode);
                return SendResult.retryable(reason + " [" + twilioCode + "]: check the Twilio account's configuration",
                        ProviderHttp.retryAfter(answer.retryAfter(), clock));
            }
        }
        return ProviderHttp.byStatus(NAME, answer, clock, code.map(String::valueOf).orElse(null), detail);
    }

    private static Optional<Integer> number(String text) {
        try {
            return Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String toString() {
        return "TwilioSmsGateway[" + settings + "]";
    }
}
