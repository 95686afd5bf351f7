package dev.torpedo.sms.impl.gateway;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.SmsGateway;
import dev.torpedo.sms.impl.gateway.twilio.TwilioSettings;
import dev.torpedo.sms.impl.gateway.twilio.TwilioSmsGateway;
import dev.torpedo.sms.impl.gateway.webhook.WebhookSettings;
import dev.torpedo.sms.impl.gateway.webhook.WebhookSmsGateway;
import dev.torpedo.sms.impl.gateway.zenvia.ZenviaSettings;
import dev.torpedo.sms.impl.gateway.zenvia.ZenviaSmsGateway;
import dev.torpedo.sms.impl.queue.DispatcherOptions;
import dev.torpedo.sms.impl.queue.MessageStatus;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.QueueRig;
import dev.torpedo.sms.impl.testing.TestDatabase;
import okhttp3.Credentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.torpedo.sms.impl.gateway.GatewayFixtures.TWILIO_SID;
import static dev.torpedo.sms.impl.gateway.GatewayFixtures.TWILIO_TOKEN;
import static dev.torpedo.sms.impl.gateway.GatewayFixtures.WEBHOOK_SECRET;
import static dev.torpedo.sms.impl.gateway.GatewayFixtures.ZENVIA_TOKEN;
import static dev.torpedo.sms.impl.gateway.ProviderJournal.zenviaAccepts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every log line of a run with successes and failures on each provider, at DEBUG, through the real dispatcher:
 * none may carry a token, a secret, an auth header, a full phone number or the text of a message.
 */
class GatewayLogsTest extends DatabaseContract {

    static final String ZENVIA = "/v2/channels/sms/messages";
    static final String TWILIO = "/2010-04-01/Accounts/" + TWILIO_SID + "/Messages.json";
    static final String WEBHOOK = "/hooks/sms";
    static final String WEBHOOK_KEY = "key=k3y-in-the-url-7788";

    @RegisterExtension
    static WireMockExtension providers = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    final StoreId store = StoreId.of("loja-1");
    final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    final Logger torpedo = (Logger) LoggerFactory.getLogger("dev.torpedo");
    Level torpedoLevel;
    QueueRig rig;
    ProviderHttp http;

    GatewayLogsTest() {
        super(TestDatabase.H2);
    }

    @BeforeEach
    void capture() {
        rig = new QueueRig(db, QueueRig.TUESDAY_NOON_SAO_PAULO);
        rig.give(store, 100);
        http = new ProviderHttp(GatewayFixtures.FAST);
        captured.start();
        root.addAppender(captured);
        torpedoLevel = torpedo.getLevel();
        torpedo.setLevel(Level.DEBUG);
    }

    @AfterEach
    void release() {
        torpedo.setLevel(torpedoLevel);
        root.detachAppender(captured);
        rig.close();
        http.close();
    }

    /** Sends what is due through {@code provider}, guarded, one message at a time. */
    void run(SmsGateway provider, int breakerFailures) {
        var guarded = new GuardedGateway(provider, new GuardOptions(100, breakerFailures, Duration.ofSeconds(30),
                Duration.ofSeconds(5)), rig.clock());
        rig.dispatcher(DispatcherOptions.defaults("node-" + provider.name()).withConcurrency(1), QueueRig.NO_JITTER,
                guarded).drain();
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Test
    void noLineCarriesATokenASecretAnAuthHeaderAFullNumberOrTheText() {
        // Zenvia: accepted, refused with the number echoed back, connection reset.
        List<Long> zenviaIds = rig.insertDue(store, 3);
        providers.stubFor(post(ZENVIA).atPriority(5).willReturn(zenviaAccepts()));
        providers.stubFor(post(ZENVIA).atPriority(1)
                .withRequestBody(matchingJsonPath("$.externalId", equalTo(String.valueOf(zenviaIds.get(1)))))
                .willReturn(json(400, "{\"code\": \"VALIDATION_ERROR\", \"message\": \"Validation error\", \"details\":"
                        + " [{\"code\": \"INVALID\", \"path\": \"to\", \"message\": \"bad number "
                        + QueueRig.number(1).e164().substring(1) + "\"}]}")));
        providers.stubFor(post(ZENVIA).atPriority(1)
                .withRequestBody(matchingJsonPath("$.externalId", equalTo(String.valueOf(zenviaIds.get(2)))))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        run(new ZenviaSmsGateway(http, new ZenviaSettings(providers.baseUrl(), ZENVIA_TOKEN, "loja"), rig.clock()), 5);

        // Twilio: accepted, invalid number echoed back, unsubscribed, then bad credentials twice (the breaker opens).
        rig.insertDue(store, 5);
        providers.stubFor(post(TWILIO).atPriority(5).willReturn(json(201, "{\"sid\": \"SM0001\", \"status\": \"queued\"}")));
        providers.stubFor(post(TWILIO).atPriority(1).withFormParam("To", equalTo(QueueRig.number(4).e164()))
                .willReturn(json(400, "{\"code\": 21211, \"message\": \"The 'To' number " + QueueRig.number(4).e164()
                        + " is not a valid phone number.\", \"status\": 400}")));
        providers.stubFor(post(TWILIO).atPriority(1).withFormParam("To", equalTo(QueueRig.number(5).e164()))
                .willReturn(json(400, "{\"code\": 21610, \"message\": \"Attempt to send to unsubscribed recipient\"}")));
        for (int n : new int[]{6, 7}) {
            providers.stubFor(post(TWILIO).atPriority(1).withFormParam("To", equalTo(QueueRig.number(n).e164()))
                    .willReturn(json(401, "{\"code\": 20003, \"message\": \"Authenticate\", \"status\": 401}")));
        }
        run(new TwilioSmsGateway(http, new TwilioSettings(providers.baseUrl(), TWILIO_SID, TWILIO_TOKEN,
                "+5511999990000", null, "https://loja.example.com/status"), rig.clock()), 2);

        // Webhook: accepted, refused (opted out, number echoed back), server error.
        List<Long> webhookIds = rig.insertDue(store, 3);
        providers.stubFor(post(urlPathEqualTo(WEBHOOK)).atPriority(5).willReturn(okJson("{\"id\": \"hook-1\"}")));
        providers.stubFor(post(urlPathEqualTo(WEBHOOK)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.messageId", equalTo(String.valueOf(webhookIds.get(1)))))
                .willReturn(json(422, "{\"code\": \"stop\", \"message\": \"" + QueueRig.number(9).nationalNumber()
                        + " opted out\", \"optedOut\": true}")));
        providers.stubFor(post(urlPathEqualTo(WEBHOOK)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.messageId", equalTo(String.valueOf(webhookIds.get(2)))))
                .willReturn(aResponse().withStatus(500)));
        run(new WebhookSmsGateway(http, new WebhookSettings(providers.baseUrl() + WEBHOOK + "?" + WEBHOOK_KEY,
                WEBHOOK_SECRET), rig.clock()), 5);

        // The run did what it should, so that the log lines below are about real successes and failures.
        assertThat(rig.countByStatus()).containsEntry(MessageStatus.SENT, 3L).containsEntry(MessageStatus.FAILED, 4L)
                .containsEntry(MessageStatus.UNCERTAIN, 1L).containsEntry(MessageStatus.QUEUED, 3L);
        List<String> lines = captured.list.stream().map(GatewayLogsTest::render).toList();
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("zenvia: message").contains("+55 11 9****-0000"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("twilio: provider paused until"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("webhook: message"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("[number]"));

        List<String> forbidden = new ArrayList<>(List.of(ZENVIA_TOKEN, TWILIO_TOKEN, WEBHOOK_SECRET, WEBHOOK_KEY,
                Credentials.basic(TWILIO_SID, TWILIO_TOKEN), Credentials.basic(TWILIO_SID, TWILIO_TOKEN).substring(6),
                "X-API-TOKEN", "Authorization", GatewayFixtures.TEXT, QueueRig.BODY));
        IntStream.range(0, 12).mapToObj(QueueRig::number).forEach(number -> forbidden.addAll(forms(number)));
        for (String line : lines) {
            for (String secret : forbidden) {
                assertThat(line).as("a log line").doesNotContain(secret);
            }
        }
    }

    /** The ways a number could leak: E.164, without '+' (Zenvia's form), national. */
    static List<String> forms(MobileNumber number) {
        return List.of(number.e164(), number.e164().substring(1), number.nationalNumber());
    }

    static String render(ILoggingEvent event) {
        String thrown = event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy());
        return event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage() + " "
                + event.getMDCPropertyMap() + " " + thrown;
    }
}
