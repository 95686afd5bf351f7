package dev.torpedo.sms.impl.gateway;

import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.impl.testing.MutableClock;
import dev.torpedo.sms.impl.testing.RecordingGateway;
import dev.torpedo.sms.impl.testing.RecordingGateway.Reply;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static dev.torpedo.sms.impl.gateway.GatewayFixtures.NOON;
import static dev.torpedo.sms.impl.gateway.GatewayFixtures.SMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rate limit and the circuit breaker around a gateway, on a settable clock and a fake nanosecond source. */
class GuardedGatewayTest {

    static final Duration COOL_DOWN = Duration.ofSeconds(30);

    final MutableClock clock = new MutableClock(NOON);
    final RecordingGateway provider = new RecordingGateway();
    final AtomicLong nanos = new AtomicLong();
    final List<Long> slept = new ArrayList<>();

    GuardedGateway guarded(double perSecond, int failures) {
        return new GuardedGateway(provider, new GuardOptions(perSecond, failures, COOL_DOWN, Duration.ofSeconds(5)),
                clock, nanos::get, wait -> {
                    slept.add(wait);
                    nanos.addAndGet(wait);
                });
    }

    @Test
    void sendsBeyondTheBucketWaitTheirTurn() {
        GuardedGateway gateway = guarded(5, 100);

        for (int i = 0; i < 12; i++) {
            assertThat(gateway.send(SMS)).isInstanceOf(SendResult.Accepted.class);
        }

        assertThat(provider.callCount()).isEqualTo(12);
        // The first 5 go at once, the other 7 wait a fifth of a second each: 12 messages in 1.4 s of (fake) time.
        assertThat(slept).hasSize(7).containsOnly(200_000_000L);
        assertThat(nanos.get()).isEqualTo(1_400_000_000L);
    }

    @Test
    void aSendThatWouldWaitTooLongIsHeldBackWithoutReachingTheProvider() {
        GuardedGateway gateway = new GuardedGateway(provider, new GuardOptions(1, 100, COOL_DOWN, Duration.ZERO),
                clock, nanos::get, wait -> nanos.addAndGet(wait));

        assertThat(gateway.send(SMS)).isInstanceOf(SendResult.Accepted.class);

        assertThatThrownBy(() -> gateway.send(SMS)).isInstanceOfSatisfying(SendHeldBack.class, held -> {
            assertThat(held).hasMessageContaining("rate limit");
            assertThat(held.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        });
        assertThat(provider.callCount()).isEqualTo(1);
    }

    @Test
    void noRateLimitMeansNoWaiting() {
        GuardedGateway gateway = guarded(0, 100);
        for (int i = 0; i < 100; i++) {
            gateway.send(SMS);
        }
        assertThat(slept).isEmpty();
    }

    @Test
    void failuresInARowPauseTheProviderForTheCoolDown() {
        GuardedGateway gateway = guarded(0, 3);
        provider.then(Reply.retryable("HTTP 503"), Reply.ambiguous("timeout"), Reply.retryable("HTTP 503"));

        gateway.send(SMS);
        gateway.send(SMS);
        assertThat(gateway.pausedUntil()).isEmpty();
        gateway.send(SMS);

        assertThat(gateway.pausedUntil()).contains(NOON.plus(COOL_DOWN));
        assertThat(gateway.claimLimit(100)).isZero();
        clock.advance(Duration.ofSeconds(10));
        assertThatThrownBy(() -> gateway.send(SMS)).isInstanceOfSatisfying(SendHeldBack.class, held -> {
            assertThat(held).hasMessageContaining("circuit open");
            assertThat(held.retryAfter()).isEqualTo(Duration.ofSeconds(20));
        });
        assertThat(provider.callCount()).isEqualTo(3);
    }

    @Test
    void anAnswerThatIsNotAFailureStartsTheCountAgain() {
        GuardedGateway gateway = guarded(0, 3);
        provider.then(Reply.retryable("503"), Reply.retryable("503"), Reply.permanent("invalid number", "21211"),
                Reply.retryable("503"), Reply.retryable("503"), Reply.accepted(), Reply.retryable("503"),
                Reply.retryable("503"));

        for (int i = 0; i < 8; i++) {
            gateway.send(SMS);
        }

        assertThat(gateway.pausedUntil()).isEmpty();
        assertThat(gateway.claimLimit(100)).isEqualTo(100);
    }

    @Test
    void afterTheCoolDownOneTrialSendDecides() {
        GuardedGateway gateway = guarded(0, 2);
        provider.then(Reply.retryable("503"), Reply.retryable("503"));
        gateway.send(SMS);
        gateway.send(SMS);
        clock.advance(COOL_DOWN);

        assertThat(gateway.pausedUntil()).isEmpty();
        assertThat(gateway.claimLimit(100)).isEqualTo(1);

        // The trial fails: another full pause.
        provider.then(Reply.after(() -> assertThat(gateway.claimLimit(100)).isZero(), Reply.retryable("503")));
        gateway.send(SMS);
        assertThat(gateway.pausedUntil()).contains(clock.instant().plus(COOL_DOWN));
        assertThat(gateway.claimLimit(100)).isZero();

        // The next trial goes through: sending resumes in full.
        clock.advance(COOL_DOWN);
        assertThat(gateway.claimLimit(100)).isEqualTo(1);
        assertThat(gateway.send(SMS)).isInstanceOf(SendResult.Accepted.class);
        assertThat(gateway.pausedUntil()).isEmpty();
        assertThat(gateway.claimLimit(100)).isEqualTo(100);
        assertThat(provider.callCount()).isEqualTo(4);
    }

    @Test
    void aGatewayThatThrowsCountsAsFailingAndTheErrorPassesThrough() {
        GuardedGateway gateway = guarded(0, 2);
        provider.otherwise(Reply.throwing(new IllegalStateException("boom")));

        assertThatThrownBy(() -> gateway.send(SMS)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> gateway.send(SMS)).isInstanceOf(IllegalStateException.class);

        assertThat(gateway.pausedUntil()).isPresent();
    }

    @Test
    void theRowsNameTheProviderNotTheWrapper() {
        assertThat(guarded(0, 1).name()).isEqualTo("recording");
    }
}
