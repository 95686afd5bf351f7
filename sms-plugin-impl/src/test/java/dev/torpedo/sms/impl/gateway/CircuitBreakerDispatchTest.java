package dev.torpedo.sms.impl.gateway;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.torpedo.sms.api.StoreId;
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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.torpedo.sms.impl.gateway.ProviderJournal.zenviaAccepts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The circuit breaker seen from the real dispatcher: failures in a row pause the provider, the dispatcher then
 * claims nothing (no attempt counted) until the cool-down has passed on the clock, and one trial send decides.
 */
class CircuitBreakerDispatchTest extends DatabaseContract {

    static final Instant NOON = QueueRig.TUESDAY_NOON_SAO_PAULO;
    static final String ZENVIA = "/v2/channels/sms/messages";
    static final Duration COOL_DOWN = Duration.ofSeconds(30);

    @RegisterExtension
    static WireMockExtension zenvia = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    final StoreId store = StoreId.of("loja-1");
    QueueRig rig;
    ProviderHttp http;
    GuardedGateway gateway;
    Dispatcher dispatcher;

    CircuitBreakerDispatchTest() {
        super(TestDatabase.H2);
    }

    @BeforeEach
    void wire() {
        rig = new QueueRig(db, NOON);
        rig.give(store, 100);
        http = new ProviderHttp(GatewayFixtures.FAST);
        gateway = new GuardedGateway(new ZenviaSmsGateway(http,
                new ZenviaSettings(zenvia.baseUrl(), GatewayFixtures.ZENVIA_TOKEN, "loja"), rig.clock()),
                new GuardOptions(0, 3, COOL_DOWN, Duration.ofSeconds(5)), rig.clock());
        // Claims of three, three senders; retries after 5 s (half of 10 s, no jitter).
        dispatcher = rig.dispatcher(DispatcherOptions.defaults("node-1").withBatchSize(3).withConcurrency(3)
                .withRetry(Duration.ofSeconds(10), Duration.ofHours(1)), QueueRig.NO_JITTER, gateway);
        zenvia.stubFor(post(ZENVIA).willReturn(aResponse().withStatus(503)));
    }

    @AfterEach
    void unwire() {
        rig.close();
        http.close();
    }

    Map<Long, Integer> attempts(List<Long> ids) {
        return ids.stream().collect(java.util.stream.Collectors.toMap(id -> id, id -> rig.message(id).attempts()));
    }

    int providerRequests() {
        return zenvia.getAllServeEvents().size();
    }

    @Test
    void failuresPauseTheProviderAndTheDispatcherClaimsNothingUntilTheCoolDownEndsThenOneTrialResumesSending() {
        List<Long> ids = rig.insertDue(store, 6);

        assertThat(dispatcher.runOnce()).isEqualTo(3);

        assertThat(gateway.pausedUntil()).contains(NOON.plus(COOL_DOWN));
        assertThat(providerRequests()).isEqualTo(3);
        Map<Long, Integer> before = attempts(ids);
        assertThat(before.values()).containsExactly(1, 1, 1, 0, 0, 0);

        // Three more are due, and the first three become due again after their 5 s backoff: nothing is claimed.
        assertThat(dispatcher.drain()).isZero();
        rig.clock().advance(Duration.ofSeconds(10));
        assertThat(dispatcher.drain()).isZero();
        rig.clock().advance(Duration.ofSeconds(19));
        assertThat(dispatcher.drain()).isZero();
        assertThat(attempts(ids)).isEqualTo(before);
        assertThat(rig.countByStatus()).containsOnly(Map.entry(MessageStatus.QUEUED, 6L));
        assertThat(providerRequests()).isEqualTo(3);

        // The cool-down is over and the provider is back: one trial send, then the rest.
        zenvia.stubFor(post(ZENVIA).willReturn(zenviaAccepts()));
        rig.clock().advance(Duration.ofSeconds(1));
        assertThat(gateway.pausedUntil()).isEmpty();
        assertThat(dispatcher.runOnce()).isEqualTo(1);
        QueuedMessage trial = rig.message(ids.get(3));
        assertThat(trial.status()).isEqualTo(MessageStatus.SENT);
        assertThat(trial.attempts()).isEqualTo(1);

        assertThat(dispatcher.drain()).isEqualTo(5);
        assertThat(rig.countByStatus()).containsOnly(Map.entry(MessageStatus.SENT, 6L));
        assertThat(attempts(ids).values()).containsExactly(2, 2, 2, 1, 1, 1);
        assertThat(ProviderJournal.accepted(zenvia.getAllServeEvents(), ProviderJournal::externalId)).hasSize(6)
                .allSatisfy((message, count) -> assertThat(count).as("accepted for %s", message).isOne());
    }

    @Test
    void aFailedTrialPausesTheProviderForAnotherCoolDown() {
        List<Long> ids = rig.insertDue(store, 4);
        dispatcher.runOnce();
        rig.clock().advance(COOL_DOWN);

        assertThat(dispatcher.runOnce()).as("the trial").isEqualTo(1);

        QueuedMessage trial = rig.message(ids.get(3));
        assertThat(trial.status()).isEqualTo(MessageStatus.QUEUED);
        assertThat(trial.attempts()).isEqualTo(1);
        assertThat(gateway.pausedUntil()).contains(NOON.plus(COOL_DOWN).plus(COOL_DOWN));
        assertThat(dispatcher.drain()).isZero();
        assertThat(providerRequests()).isEqualTo(4);

        zenvia.stubFor(post(ZENVIA).willReturn(zenviaAccepts()));
        rig.clock().advance(COOL_DOWN);
        // With more than one drain thread, another's claim may wait behind the trial (held back, its attempt not
        // counted) and be claimed again.
        assertThat(dispatcher.drain()).isBetween(4, 5);
        assertThat(rig.countByStatus()).containsOnly(Map.entry(MessageStatus.SENT, 4L));
        assertThat(attempts(ids).values()).containsExactly(2, 2, 2, 2);
    }
}
