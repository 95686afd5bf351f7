package dev.torpedo.sms.impl.gateway;

import dev.torpedo.sms.impl.testing.Concurrently;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The token bucket, on a fake nanosecond source: no test waits for real time. */
class RateLimiterTest {

    static final long MS = 1_000_000L;
    static final long NO_BOUND = Duration.ofHours(1).toNanos();

    final AtomicLong now = new AtomicLong(1_000 * MS);

    @Test
    void aFullBucketLetsOneSecondsWorthGoAtOnceAndSpacesTheRest() {
        RateLimiter limiter = new RateLimiter(10, now::get);

        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            waits.add(limiter.reserve(NO_BOUND));
        }

        assertThat(waits.subList(0, 10)).containsOnly(0L);
        assertThat(waits.subList(10, 13)).containsExactly(100 * MS, 200 * MS, 300 * MS);
    }

    @Test
    void tokensComeBackWithTimeButNeverMoreThanOneSecondsWorth() {
        RateLimiter limiter = new RateLimiter(10, now::get);
        for (int i = 0; i < 10; i++) {
            limiter.reserve(NO_BOUND);
        }

        now.addAndGet(250 * MS);
        assertThat(limiter.reserve(NO_BOUND)).isZero();
        assertThat(limiter.reserve(NO_BOUND)).isZero();
        assertThat(limiter.reserve(NO_BOUND)).isEqualTo(50 * MS);

        now.addAndGet(Duration.ofMinutes(10).toNanos());
        long immediate = LongStream.range(0, 20).map(i -> limiter.reserve(NO_BOUND)).filter(w -> w == 0).count();
        assertThat(immediate).isEqualTo(10);
    }

    @Test
    void aWaitLongerThanTheBoundReservesNothing() {
        RateLimiter limiter = new RateLimiter(2, now::get);
        limiter.reserve(NO_BOUND);
        limiter.reserve(NO_BOUND);

        assertThat(limiter.reserve(400 * MS)).isEqualTo(-1);
        assertThat(limiter.reserve(500 * MS)).isEqualTo(500 * MS);
        assertThat(limiter.reserve(500 * MS)).isEqualTo(-1);
        assertThat(limiter.reserve(NO_BOUND)).isEqualTo(1000 * MS);
    }

    @Test
    void aRateBelowOneASecondStillLetsTheFirstMessageThrough() {
        RateLimiter limiter = new RateLimiter(0.5, now::get);

        assertThat(limiter.reserve(NO_BOUND)).isZero();
        assertThat(limiter.reserve(NO_BOUND)).isEqualTo(2_000 * MS);
    }

    @Test
    void threadsSharingOneLimiterAreSpacedOneAfterAnother() {
        RateLimiter limiter = new RateLimiter(10, now::get);
        List<Long> waits = Collections.synchronizedList(new ArrayList<>());

        Concurrently.run(4, thread -> () -> {
            for (int i = 0; i < 10; i++) {
                waits.add(limiter.reserve(NO_BOUND));
            }
            return null;
        });

        List<Long> sorted = waits.stream().sorted().toList();
        assertThat(sorted.subList(0, 10)).containsOnly(0L);
        assertThat(sorted.subList(10, 40))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 30).map(n -> n * 100 * MS).boxed().toList());
    }

    @Test
    void aRateIsPositive() {
        assertThatThrownBy(() -> new RateLimiter(0, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter(-1, now::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
