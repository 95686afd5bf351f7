package dev.torpedo.sms.impl.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Where in the claim index ({@code not_before, id} of the QUEUED rows) a node's next claim begins.
 *
 * <p>Claimed rows leave the index, but their old entries stay in it until the database cleans them up, and it
 * cannot while any session holds an old snapshot open (a host's long report, a backup): every claim that starts
 * at the oldest entry then steps over every row claimed since that snapshot, and claims slow down as the queue
 * works (the blocked xmin horizon that PgQ's authors measured on SKIP LOCKED queues). So a claim begins where the
 * previous claim found its first row, less {@link #MARGIN}; the range below is skipped in one index descent.
 * Many rows can share one due time: a restock fan-out's, or those the send window held for its opening. While
 * claims keep finding their first row at the due time the previous claim found its first at, the next claim
 * begins at that row itself, in (due time, id) order, so that it does not step over the same run's rows claimed
 * before it.
 *
 * <p>A row can be due below that point: one whose host transaction committed late, one from a node whose clock is
 * behind, one another node's claim rolled back, or, while claims work through a run of rows due at one time, one
 * due a little earlier that committed late (rows released from waiting for credit are due from their release on).
 * Such a row is found by a claim from the start of the index, which runs once the last one is {@link #FULL_EVERY}
 * old (real time) and whenever the caller asks for one ({@link Dispatcher#drain()} does so before it returns).
 * Thread-safe: a dispatcher's batches in flight share one.
 */
final class ClaimStart {

    /** Below the first row found: room for rows whose transactions commit a moment late. */
    static final Duration MARGIN = Duration.ofSeconds(1);
    /** How often, at the least, a claim starts from the beginning of the index. */
    static final Duration FULL_EVERY = Duration.ofSeconds(5);

    /** A place in claim order: rows due later, or due then with this id or a higher one, come at or after it. */
    record Point(Instant notBefore, long id) {

        /** Every row due at {@code notBefore} or later. */
        static Point at(Instant notBefore) {
            return new Point(notBefore, Long.MIN_VALUE);
        }

        static Point of(DueRow row) {
            return new Point(row.notBefore(), row.id());
        }

        boolean isAfter(Point other) {
            int byTime = notBefore.compareTo(other.notBefore);
            return byTime > 0 || byTime == 0 && id > other.id;
        }
    }

    private final LongSupplier nanoTime;
    private final boolean skips;
    private Point from;
    /** When the last claim that found rows found its first one due. */
    private Instant lastFirstDue;
    private long lastFull;

    /** @param skips whether claims may begin past the start: where the database locks in claim order */
    ClaimStart(LongSupplier nanoTime, boolean skips) {
        this.nanoTime = nanoTime;
        this.skips = skips;
    }

    /** Where the next claim begins, or {@code null} for the start of the index. */
    synchronized Point next(boolean fullAsked) {
        if (!skips || fullAsked || from == null || fullDue()) {
            return null;
        }
        return from;
    }

    /**
     * Notes what a claim that began at {@code began} ({@code null}: the start) found, rows in claim order. A claim
     * that found nothing moves nothing: rows that others hold locked are skipped, so it does not show that
     * nothing is due.
     */
    synchronized void found(Point began, List<DueRow> rows) {
        if (began == null) {
            lastFull = nanoTime.getAsLong();
        }
        if (rows.isEmpty()) {
            return;
        }
        DueRow first = rows.get(0);
        Point point = first.notBefore().equals(lastFirstDue)
                ? Point.of(first)
                : Point.at(first.notBefore().minus(MARGIN));
        lastFirstDue = first.notBefore();
        // Concurrent claims may report out of order: never move back past what a full claim showed.
        from = from == null || began == null || point.isAfter(from) ? point : from;
    }

    private boolean fullDue() {
        return nanoTime.getAsLong() - lastFull >= FULL_EVERY.toNanos();
    }
}
