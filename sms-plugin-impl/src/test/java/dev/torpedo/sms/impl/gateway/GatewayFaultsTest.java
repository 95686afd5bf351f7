package dev.torpedo.sms.impl.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.impl.gateway.twilio.TwilioSettings;
import dev.torpedo.sms.impl.gateway.twilio.TwilioSmsGateway;
import dev.torpedo.sms.impl.gateway.zenvia.ZenviaSettings;
import dev.torpedo.sms.impl.gateway.zenvia.ZenviaSmsGateway;
import dev.torpedo.sms.impl.queue.Dispatcher;
import dev.torpedo.sms.impl.queue.DispatcherOptions;
import dev.torpedo.sms.impl.queue.MessageStatus;
import dev.torpedo.sms.impl.queue.QueuedMessage;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.QueueRig;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.torpedo.sms.impl.gateway.ProviderJournal.zenviaAccepts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real dispatcher, on H2, sending batches through real provider gateways to a misbehaving WireMock: every
 * message ends SENT or in a named final state, none reaches the provider again once it may have been taken, and
 * retries follow the configured backoff on the test's clock.
 */
class GatewayFaultsTest extends DatabaseContract {

    static final Instant NOON = QueueRig.TUESDAY_NOON_SAO_PAULO;
    static final String ZENVIA = "/v2/channels/sms/messages";
    /** No jitter: the backoff after attempt n is exactly half of 10 s * 2^(n-1). */
    static final Duration RETRY_BASE = Duration.ofSeconds(10);
    static final GuardOptions LENIENT = new GuardOptions(1_000, 1_000, Duration.ofSeconds(30), Duration.ofSeconds(5));

    /** Delayed answers wait on WireMock's scheduler, not a Jetty thread, so that stopping it does not wait for them. */
    @RegisterExtension
    static WireMockExtension provider = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()
            .asynchronousResponseEnabled(true).asynchronousResponseThreads(4)).build();

    final StoreId store = StoreId.of("loja-1");
    QueueRig rig;
    ProviderHttp http;

    GatewayFaultsTest() {
        super(TestDatabase.H2);
    }

    @BeforeEach
    void wire() {
        rig = new QueueRig(db, NOON);
        rig.give(store, 100);
        http = new ProviderHttp(GatewayFixtures.FAST);
        provider.stubFor(post(ZENVIA).atPriority(5).willReturn(zenviaAccepts()));
    }

    @AfterEach
    void unwire() {
        rig.close();
        http.close();
    }

    Dispatcher zenviaDispatcher(String baseUrl, int concurrency) {
        var zenvia = new ZenviaSmsGateway(http, new ZenviaSettings(baseUrl, GatewayFixtures.ZENVIA_TOKEN, "loja"),
                rig.clock());
        // One batch at a time too: with concurrency 1 the tests count on the order of the requests.
        return rig.dispatcher(DispatcherOptions.defaults("node-1").withConcurrency(concurrency).withBatchesInFlight(1)
                .withRetry(RETRY_BASE, Duration.ofHours(1)), QueueRig.NO_JITTER, new GuardedGateway(zenvia, LENIENT, rig.clock()));
    }

    void stubFor(long messageId, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        provider.stubFor(post(ZENVIA).atPriority(1)
                .withRequestBody(matchingJsonPath("$.externalId", equalTo(String.valueOf(messageId))))
                .willReturn(answer));
    }

    Map<String, Long> requests() {
        return ProviderJournal.requests(provider.getAllServeEvents(), ProviderJournal::externalId);
    }

    Map<String, Long> accepted() {
        return ProviderJournal.accepted(provider.getAllServeEvents(), ProviderJournal::externalId);
    }

    @Test
    void aResetOrAnEmptyAnswerAfterTheRequestLeftIsUncertainAndNeverResent() {
        List<Long> ids = rig.insertDue(store, 4);
        stubFor(ids.get(1), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        stubFor(ids.get(2), aResponse().withFault(Fault.EMPTY_RESPONSE));
        Dispatcher dispatcher = zenviaDispatcher(provider.baseUrl(), 4);

        dispatcher.drain();
        rig.clock().advance(Duration.ofHours(1));
        assertThat(dispatcher.drain()).isZero();

        for (long sent : List.of(ids.get(0), ids.get(3))) {
            assertThat(rig.message(sent).status()).isEqualTo(MessageStatus.SENT);
            assertThat(rig.message(sent).providerMessageId()).isEqualTo("zen-" + sent);
        }
        for (long uncertain : List.of(ids.get(1), ids.get(2))) {
            QueuedMessage message = rig.message(uncertain);
            assertThat(message.status()).isEqualTo(MessageStatus.UNCERTAIN);
            assertThat(message.reason()).startsWith("ambiguous: zenvia: ").contains("after the request was sent");
            assertThat(message.attempts()).isEqualTo(1);
        }
        assertThat(requests()).hasSize(4).containsOnlyKeys(ids.stream().map(String::valueOf).toList())
                .allSatisfy((message, count) -> assertThat(count).as("requests for message %s", message).isOne());
        // Uncertain messages may have gone out: they keep their credit.
        assertThat(rig.ledger().balance(store)).isEqualTo(96);
    }

    @Test
    void everyThirdCallFailingIsRetriedAfterItsBackoffUntilAllAreSentEachTakenOnce() {
        // A deterministic "30 % of calls fail": the provider answers 500 to every third request.
        provider.stubFor(post(ZENVIA).atPriority(1).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("second").willReturn(zenviaAccepts()));
        provider.stubFor(post(ZENVIA).atPriority(1).inScenario("flaky").whenScenarioStateIs("second")
                .willSetStateTo("third").willReturn(zenviaAccepts()));
        provider.stubFor(post(ZENVIA).atPriority(1).inScenario("flaky").whenScenarioStateIs("third")
                .willSetStateTo(Scenario.STARTED).willReturn(aResponse().withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\": \"INTERNAL_ERROR\", \"message\": \"Internal error\"}")));
        List<Long> ids = rig.insertDue(store, 9);
        // One send at a time, so that "every third request" falls on known messages.
        Dispatcher dispatcher = zenviaDispatcher(provider.baseUrl(), 1);

        dispatcher.drain();

        List<Long> failed = List.of(ids.get(2), ids.get(5), ids.get(8));
        assertThat(rig.countByStatus()).containsEntry(MessageStatus.SENT, 6L).containsEntry(MessageStatus.QUEUED, 3L);
        for (long id : failed) {
            QueuedMessage message = rig.message(id);
            assertThat(message.status()).isEqualTo(MessageStatus.QUEUED);
            assertThat(message.attempts()).isEqualTo(1);
            assertThat(message.notBefore()).isEqualTo(NOON.plusSeconds(5));
            assertThat(message.reason()).contains("zenvia: HTTP 500 INTERNAL_ERROR");
        }

        rig.clock().advance(Duration.ofSeconds(4));
        assertThat(dispatcher.drain()).as("not due before their backoff").isZero();
        rig.clock().advance(Duration.ofSeconds(1));
        dispatcher.drain();

        // The tenth and eleventh requests went through; the twelfth (the ninth message again) failed once more.
        QueuedMessage again = rig.message(ids.get(8));
        assertThat(again.status()).isEqualTo(MessageStatus.QUEUED);
        assertThat(again.attempts()).isEqualTo(2);
        assertThat(again.notBefore()).isEqualTo(NOON.plusSeconds(5 + 10));

        rig.clock().advance(Duration.ofSeconds(10));
        dispatcher.drain();

        assertThat(rig.countByStatus()).containsOnly(Map.entry(MessageStatus.SENT, 9L));
        assertThat(rig.message(ids.get(8)).attempts()).isEqualTo(3);
        assertThat(accepted()).hasSize(9).allSatisfy((message, count) -> assertThat(count).as("requests for message %s", message).isOne());
        assertThat(requests().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(13);
        assertThat(requests()).containsEntry(String.valueOf(ids.get(8)), 3L);
        ids.forEach(id -> assertThat(rig.message(id).providerMessageId()).isEqualTo("zen-" + id));
    }

    @Test
    void tooManyRequestsWaitsForRetryAfterThenGoesOut() {
        List<Long> ids = rig.insertDue(store, 2);
        long limited = ids.get(0);
        provider.stubFor(post(ZENVIA).atPriority(1).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(matchingJsonPath("$.externalId", equalTo(String.valueOf(limited))))
                .willSetStateTo("relieved")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
        Dispatcher dispatcher = zenviaDispatcher(provider.baseUrl(), 2);

        dispatcher.drain();

        QueuedMessage waiting = rig.message(limited);
        assertThat(waiting.status()).isEqualTo(MessageStatus.QUEUED);
        assertThat(waiting.attempts()).isEqualTo(1);
        // Retry-After (120 s) is longer than the backoff (5 s), so it wins.
        assertThat(waiting.notBefore()).isEqualTo(NOON.plusSeconds(120));
        assertThat(rig.message(ids.get(1)).status()).isEqualTo(MessageStatus.SENT);

        rig.clock().advance(Duration.ofSeconds(119));
        assertThat(dispatcher.drain()).isZero();
        rig.clock().advance(Duration.ofSeconds(1));
        assertThat(dispatcher.drain()).isEqualTo(1);

        assertThat(rig.message(limited).status()).isEqualTo(MessageStatus.SENT);
        assertThat(rig.message(limited).attempts()).isEqualTo(2);
        assertThat(requests()).containsEntry(String.valueOf(limited), 2L).containsEntry(String.valueOf(ids.get(1)), 1L);
        assertThat(accepted()).allSatisfy((message, count) -> assertThat(count).as("requests for message %s", message).isOne());
    }

    @Test
    void aProviderThatStallsPastTheReadTimeoutLeavesTheMessageUncertainAndItIsNeverResent() {
        List<Long> ids = rig.insertDue(store, 2);
        ids.forEach(id -> stubFor(id, zenviaAccepts().withFixedDelay(10_000)));
        Dispatcher dispatcher = zenviaDispatcher(provider.baseUrl(), 2);

        long started = System.nanoTime();
        dispatcher.drain();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // A 2 s read timeout (3 s for the whole call), not the provider's 10 s, bounds the wait; both in parallel.
        assertThat(took).isLessThan(Duration.ofSeconds(6));
        for (long id : ids) {
            QueuedMessage message = rig.message(id);
            assertThat(message.status()).isEqualTo(MessageStatus.UNCERTAIN);
            assertThat(message.reason()).contains("timeout after the request was sent");
        }
        rig.clock().advance(Duration.ofHours(1));
        assertThat(dispatcher.drain()).isZero();
        assertThat(requests()).allSatisfy((message, count) -> assertThat(count).as("requests for message %s", message).isOne()).hasSize(2);
    }

    @Test
    void aRefusedConnectionIsRetriedAndTheMessageGoesOutWhenTheProviderIsBack() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        long id = rig.insertDue(store, 1).get(0);
        Dispatcher dispatcher = zenviaDispatcher("http://127.0.0.1:" + port, 1);

        dispatcher.drain();

        QueuedMessage refused = rig.message(id);
        assertThat(refused.status()).isEqualTo(MessageStatus.QUEUED);
        assertThat(refused.attempts()).isEqualTo(1);
        assertThat(refused.reason()).isEqualTo("zenvia: connection refused before the request was sent");
        assertThat(refused.notBefore()).isEqualTo(NOON.plusSeconds(5));

        WireMockServer back = new WireMockServer(wireMockConfig().port(port));
        back.start();
        try {
            back.stubFor(post(ZENVIA).willReturn(zenviaAccepts()));
            rig.clock().advance(Duration.ofSeconds(5));
            dispatcher.drain();

            assertThat(rig.message(id).status()).isEqualTo(MessageStatus.SENT);
            assertThat(rig.message(id).providerMessageId()).isEqualTo("zen-" + id);
            assertThat(ProviderJournal.requests(back.getAllServeEvents(), ProviderJournal::externalId))
                    .containsOnly(Map.entry(String.valueOf(id), 1L));
        } finally {
            back.stop();
        }
    }

    @Test
    void twilioRefusalsFailRefundedAndAnUnsubscribedNumberIsSuppressed() {
        List<Long> ids = rig.insertDue(store, 3);
        String path = "/2010-04-01/Accounts/" + GatewayFixtures.TWILIO_SID + "/Messages.json";
        provider.stubFor(post(path).atPriority(5).willReturn(aResponse().withStatus(201)
                .withBody("{\"sid\": \"SM{{randomValue length=32 type='HEXADECIMAL'}}\", \"status\": \"queued\"}")
                .withTransformers("response-template")));
        provider.stubFor(post(path).atPriority(1).withFormParam("To", equalTo(QueueRig.number(0).e164()))
                .willReturn(aResponse().withStatus(400).withBody("{\"code\": 21211, \"message\": \"The 'To' number "
                        + QueueRig.number(0).e164() + " is not a valid phone number.\", \"status\": 400}")));
        provider.stubFor(post(path).atPriority(1).withFormParam("To", equalTo(QueueRig.number(1).e164()))
                .willReturn(aResponse().withStatus(400).withBody(
                        "{\"code\": 21610, \"message\": \"Attempt to send to unsubscribed recipient\", \"status\": 400}")));
        var twilio = new TwilioSmsGateway(http, new TwilioSettings(provider.baseUrl(), GatewayFixtures.TWILIO_SID,
                GatewayFixtures.TWILIO_TOKEN, "+5511999990000", null, null), rig.clock());
        Dispatcher dispatcher = rig.dispatcher(DispatcherOptions.defaults("node-1"), QueueRig.NO_JITTER,
                new GuardedGateway(twilio, LENIENT, rig.clock()));

        dispatcher.drain();

        QueuedMessage invalid = rig.message(ids.get(0));
        assertThat(invalid.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(invalid.reason()).isEqualTo("permanent: twilio: HTTP 400 (invalid 'To' number) [21211]");
        QueuedMessage unsubscribed = rig.message(ids.get(1));
        assertThat(unsubscribed.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(unsubscribed.reason()).isEqualTo("permanent: twilio: the recipient unsubscribed (replied STOP) [21610]");
        assertThat(rig.suppressions().isSuppressed(QueueRig.number(1))).isTrue();
        assertThat(rig.suppressions().isSuppressed(QueueRig.number(0))).isFalse();
        assertThat(rig.message(ids.get(2)).status()).isEqualTo(MessageStatus.SENT);
        assertThat(rig.message(ids.get(2)).providerMessageId()).startsWith("SM").hasSize(34);
        // Two refunds: only the sent message is paid for.
        assertThat(rig.ledger().balance(store)).isEqualTo(99);
    }
}
