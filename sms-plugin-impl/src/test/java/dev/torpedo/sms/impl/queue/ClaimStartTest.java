package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.StoreId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimStartTest {

    private static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final ClaimStart start = new ClaimStart(nanos::get, true);

    @Test
    void theFirstClaimLooksFromTheStartAndTheNextFromTheFirstRowItFoundLessTheMargin() {
        assertThat(start.next(false)).isNull();
        start.found(null, List.of(due(NOW.minusSeconds(60)), due(NOW.minusSeconds(30))));

        assertThat(start.next(false)).isEqualTo(NOW.minusSeconds(60).minus(ClaimStart.MARGIN));
    }

    @Test
    void aClaimFromThePointMovesItForwardOnlyAndAFullOneMayMoveItBack() {
        start.found(null, List.of(due(NOW.minusSeconds(60))));
        start.found(start.next(false), List.of(due(NOW.minusSeconds(10))));
        Instant afterTen = NOW.minusSeconds(10).minus(ClaimStart.MARGIN);
        assertThat(start.next(false)).isEqualTo(afterTen);

        // A concurrent claim that began earlier and reports later does not move it back.
        start.found(NOW.minusSeconds(62), List.of(due(NOW.minusSeconds(40))));
        assertThat(start.next(false)).isEqualTo(afterTen);

        // A full claim saw the real oldest row: one released from waiting for credit, due long ago.
        start.found(null, List.of(due(NOW.minusSeconds(3_600))));
        assertThat(start.next(false)).isEqualTo(NOW.minusSeconds(3_600).minus(ClaimStart.MARGIN));
    }

    @Test
    void aClaimThatFoundNothingKeepsThePointSinceRowsOthersHoldLockedWereSkipped() {
        start.found(null, List.of(due(NOW.minusSeconds(60))));
        Instant point = start.next(false);

        start.found(point, List.of());
        assertThat(start.next(false)).isEqualTo(point);
        start.found(null, List.of());
        assertThat(start.next(false)).isEqualTo(point);
    }

    @Test
    void nothingFoundYetMeansTheStart() {
        start.found(null, List.of());

        assertThat(start.next(false)).isNull();
    }

    @Test
    void aClaimLooksFromTheStartWhenAskedOrOnceTheLastFullOneIsFullEveryOld() {
        start.found(null, List.of(due(NOW)));
        assertThat(start.next(true)).as("asked").isNull();
        assertThat(start.next(false)).isNotNull();

        nanos.addAndGet(ClaimStart.FULL_EVERY.toNanos() - 1);
        assertThat(start.next(false)).isNotNull();
        nanos.addAndGet(1);
        assertThat(start.next(false)).as("FULL_EVERY later").isNull();

        start.found(null, List.of());
        assertThat(start.next(false)).as("the full one starts the interval again").isNotNull();
    }

    @Test
    void whereTheDatabaseDoesNotLockInClaimOrderEveryClaimLooksFromTheStart() {
        ClaimStart always = new ClaimStart(nanos::get, false);
        always.found(null, List.of(due(NOW)));

        assertThat(always.next(false)).isNull();
    }

    private static DueRow due(Instant notBefore) {
        return new DueRow(1, StoreId.of("s"), MessageKind.ORDER_CREATED, "+5511987654321", "text", "GSM7", 1, 0, 0,
                notBefore, notBefore);
    }
}
