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
        start.found(null, List.of(due(7, NOW.minusSeconds(60)), due(8, NOW.minusSeconds(30))));

        assertThat(start.next(false)).isEqualTo(ClaimStart.Point.at(NOW.minusSeconds(60).minus(ClaimStart.MARGIN)));
    }

    @Test
    void aClaimFromThePointMovesItForwardOnlyAndAFullOneMayMoveItBack() {
        start.found(null, List.of(due(1, NOW.minusSeconds(60))));
        start.found(start.next(false), List.of(due(2, NOW.minusSeconds(10))));
        ClaimStart.Point afterTen = ClaimStart.Point.at(NOW.minusSeconds(10).minus(ClaimStart.MARGIN));
        assertThat(start.next(false)).isEqualTo(afterTen);

        // A concurrent claim that began earlier and reports later does not move it back.
        start.found(ClaimStart.Point.at(NOW.minusSeconds(62)), List.of(due(3, NOW.minusSeconds(40))));
        assertThat(start.next(false)).isEqualTo(afterTen);

        // A full claim saw the real oldest row: one released from waiting for credit, due long ago.
        start.found(null, List.of(due(4, NOW.minusSeconds(3_600))));
        assertThat(start.next(false)).isEqualTo(ClaimStart.Point.at(NOW.minusSeconds(3_600).minus(ClaimStart.MARGIN)));
    }

    @Test
    void throughARunOfRowsDueAtOneTimeEachClaimBeginsAtTheFirstRowThePreviousOneFound() {
        Instant opening = NOW.minusSeconds(5);
        start.found(null, List.of(due(100, opening), due(101, opening)));
        assertThat(start.next(false)).as("the run's first claim: the margin below it")
                .isEqualTo(ClaimStart.Point.at(opening.minus(ClaimStart.MARGIN)));

        start.found(start.next(false), List.of(due(102, opening), due(103, opening)));
        assertThat(start.next(false)).isEqualTo(new ClaimStart.Point(opening, 102));
        start.found(start.next(false), List.of(due(104, opening)));
        assertThat(start.next(false)).isEqualTo(new ClaimStart.Point(opening, 104));

        // A concurrent claim that found an earlier row of the run, reporting late, does not move it back.
        start.found(new ClaimStart.Point(opening, 102), List.of(due(103, opening)));
        assertThat(start.next(false)).isEqualTo(new ClaimStart.Point(opening, 104));

        // Past the run, the margin again.
        start.found(start.next(false), List.of(due(900, NOW)));
        assertThat(start.next(false)).isEqualTo(ClaimStart.Point.at(NOW.minus(ClaimStart.MARGIN)));
    }

    @Test
    void pointsOrderAsTheClaimIndexDoesByDueTimeThenId() {
        ClaimStart.Point point = new ClaimStart.Point(NOW, 10);

        assertThat(new ClaimStart.Point(NOW, 11).isAfter(point)).isTrue();
        assertThat(new ClaimStart.Point(NOW.plusMillis(1), 1).isAfter(point)).isTrue();
        assertThat(new ClaimStart.Point(NOW, 10).isAfter(point)).isFalse();
        assertThat(ClaimStart.Point.at(NOW).isAfter(point)).isFalse();
        assertThat(point.isAfter(ClaimStart.Point.at(NOW))).isTrue();
    }

    @Test
    void aClaimThatFoundNothingKeepsThePointSinceRowsOthersHoldLockedWereSkipped() {
        start.found(null, List.of(due(1, NOW.minusSeconds(60))));
        ClaimStart.Point point = start.next(false);

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
        start.found(null, List.of(due(1, NOW)));
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
        always.found(null, List.of(due(1, NOW)));

        assertThat(always.next(false)).isNull();
    }

    private static DueRow due(long id, Instant notBefore) {
        return new DueRow(id, StoreId.of("s"), MessageKind.ORDER_CREATED, "+5511987654321", "text", "GSM7", 1, 0, 0,
                notBefore, notBefore);
    }
}
