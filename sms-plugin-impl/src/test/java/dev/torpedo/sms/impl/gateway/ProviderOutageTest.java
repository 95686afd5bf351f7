package dev.torpedo.sms.impl.gateway;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.OutboundSms;
import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.api.spi.SmsGateway;
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
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.torpedo.sms.impl.gateway.ProviderJournal.zenviaAccepts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ten-minute provider outage on the clock: five minutes of 503, then five of refused connections (the
 * provider's host down), then back. Messages wait, the breaker keeps the dispatcher from spending attempts (a
 * trial send every cool-down), nothing fails or turns UNCERTAIN, and everything goes out once, inside the window.
 */
class ProviderOutageTest extends DatabaseContract {

    static final Instant NOON = QueueRig.TUESDAY_NOON_SAO_PAULO;
    static final String ZENVIA = "/v2/channels/sms/messages";
    static final Duration COOL_DOWN = Duration.ofSeconds(30);
    static final Duration STEP = Duration.ofSeconds(5);

    @RegisterExtension
    static WireMockExtension zenvia = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    final StoreId store = StoreId.of("loja-1");
    QueueRig rig;
    ProviderHttp http;
    GuardedGateway gateway;
    Dispatcher dispatcher;
    final AtomicReference<SmsGateway> provider = new AtomicReference<>();
    SmsGateway up;
    SmsGateway down;

    ProviderOutageTest() {
        super(TestDatabase.H2);
    }

    @BeforeEach
    void wire() throws IOException {
        rig = new QueueRig(db, NOON);
        rig.give(store, 100);
        http = new ProviderHttp(GatewayFixtures.FAST);
        up = new ZenviaSmsGateway(http, new ZenviaSettings(zenvia.baseUrl(), GatewayFixtures.ZENVIA_TOKEN, "loja"),
                rig.clock());
        down = new ZenviaSmsGateway(http, new ZenviaSettings("http://127.0.0.1:" + closedPort(),
                GatewayFixtures.ZENVIA_TOKEN, "loja"), rig.clock());
        provider.set(up);
        SmsGateway switching = new SmsGateway() {
            @Override
            public SendResult send(OutboundSms sms) {
                return provider.get().send(sms);
            }

            @Override
            public String name() {
                return "zenvia";
            }
        };
        gateway = new GuardedGateway(switching, new GuardOptions(0, 3, COOL_DOWN, Duration.ofSeconds(5)), rig.clock());
        dispatcher = rig.dispatcher(DispatcherOptions.defaults("node-1").withBatchSize(5).withConcurrency(5)
                .withRetry(Duration.ofSeconds(10), Duration.ofMinutes(5)), QueueRig.NO_JITTER, gateway);
    }

    @AfterEach
    void unwire() {
        rig.close();
        http.close();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Runs the dispatcher every {@link #STEP} of the clock for {@code span}; returns how often it found the provider paused. */
    private int runFor(Duration span) {
        int paused = 0;
        for (Duration passed = Duration.ZERO; passed.compareTo(span) < 0; passed = passed.plus(STEP)) {
            dispatcher.drain();
            if (gateway.pausedUntil().isPresent()) {
                paused++;
            }
            rig.clock().advance(STEP);
        }
        return paused;
    }

    @Test
    void tenMinutesDownLoseNothingSpendOneAttemptPerCoolDownAndEverythingGoesOutOnceInsideTheWindow() {
        List<Long> ids = rig.insertDue(store, 30);
        zenvia.stubFor(post(ZENVIA).willReturn(aResponse().withStatus(503)));

        int pausedSteps = runFor(Duration.ofMinutes(5));
        provider.set(down);
        pausedSteps += runFor(Duration.ofMinutes(5));

        // Down all along: nothing sent, nothing given up on, nothing in doubt.
        assertThat(rig.countByStatus()).containsOnly(Map.entry(MessageStatus.QUEUED, 30L));
        assertThat(pausedSteps).as("steps with the breaker open, of 120").isGreaterThan(100);
        int attemptsDuringOutage = ids.stream().mapToInt(id -> rig.message(id).attempts()).sum();
        // The first claim's failures open the breaker (its 5 sends, and at most 2 more that took a sender freed by
        // the first two failures before the third opened it); then one trial a cool-down: 10 minutes / 30 s.
        assertThat(attemptsDuringOutage).isBetween(3, 5 + 2 + 20);
        assertThat(ids.stream().mapToInt(id -> rig.message(id).attempts()).max().orElseThrow()).isLessThanOrEqualTo(3);

        provider.set(up);
        zenvia.resetAll();
        zenvia.stubFor(post(ZENVIA).willReturn(zenviaAccepts()));
        runFor(Duration.ofMinutes(6));

        assertThat(rig.countByStatus()).containsOnly(Map.entry(MessageStatus.SENT, 30L));
        assertThat(ProviderJournal.accepted(zenvia.getAllServeEvents(), ProviderJournal::externalId)).hasSize(30)
                .allSatisfy((message, count) -> assertThat(count).as("accepted for %s", message).isOne());
        ZoneId saoPaulo = ZoneId.of("America/Sao_Paulo");
        for (long id : ids) {
            QueuedMessage sent = rig.message(id);
            assertThat(sent.sentAt().atZone(saoPaulo).getHour()).as("sent inside the window").isBetween(9, 17);
            assertThat(sent.sentAt()).isAfterOrEqualTo(NOON.plus(Duration.ofMinutes(10)));
        }
    }
}
