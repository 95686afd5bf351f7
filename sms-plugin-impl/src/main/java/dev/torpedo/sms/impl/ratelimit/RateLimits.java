package dev.torpedo.sms.impl.ratelimit;

import dev.torpedo.sms.impl.db.DbTime;
import dev.torpedo.sms.impl.db.Dialect;
import dev.torpedo.sms.impl.db.Transactions;
import dev.torpedo.sms.impl.digest.Sha256;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Rate limits that hold across every node sharing the database: a fixed window per key, counted by one statement
 * in the database. Keys are digests, so the table holds no IP address and no phone number.
 *
 * <pre>{@code
 * RateLimits limits = new RateLimits(jdbc, transactionManager, dialect, clock);
 * if (!limits.tryHit("ip", request.getRemoteAddr(), new RateLimits.Limit(10, Duration.ofMinutes(10)))) {
 *     // answer 429
 * }
 * }</pre>
 *
 * <p>Written here because Bucket4j's JDBC modules, the library this would use, are not available to this build
 * and have no H2 support; the window is fixed, so a burst at a window's edge may see up to twice the limit.
 */
public final class RateLimits {

    /**
     * At most {@code hits} in each {@code window}.
     *
     * @param hits   1 or more
     * @param window at least a second
     */
    public record Limit(int hits, Duration window) {
        public Limit {
            Objects.requireNonNull(window, "window");
            if (hits < 1 || window.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("A limit is 1 or more hits in a second or more: " + hits + "/" + window);
            }
        }

        /** {@code 10/10m}, {@code 5/1h}: hits, a slash and a duration. */
        public static Limit parse(String text) {
            String[] parts = text.strip().split("/");
            if (parts.length != 2) {
                throw new IllegalArgumentException("A rate limit reads like 10/10m, not '" + text + "'");
            }
            return new Limit(Integer.parseInt(parts[0].strip()),
                    org.springframework.format.datetime.standard.DurationFormatterUtils.detectAndParse(parts[1].strip()));
        }
    }

    private final JdbcOperations jdbc;
    private final Transactions perHit;
    private final Dialect dialect;
    private final Clock clock;

    public RateLimits(JdbcOperations jdbc, PlatformTransactionManager transactions, Dialect dialect, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.clock = Objects.requireNonNull(clock, "clock");
        // The count and its read in one transaction of their own: the count's row lock makes concurrent hits of
        // one key take turns, so each reads its own count.
        this.perHit = new Transactions(transactions);
    }

    /**
     * Counts a hit of {@code value} under {@code kind} and says whether it is within the limit. A refused hit
     * counts too, so that a script hammering the endpoint stays refused until the window passes.
     */
    public boolean tryHit(String kind, String value, Limit limit) {
        String key = key(kind, value);
        Instant now = clock.instant();
        long windowSeconds = limit.window().toSeconds();
        Instant windowStart = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), windowSeconds) * windowSeconds);
        var start = DbTime.toDb(windowStart);
        return Boolean.TRUE.equals(perHit.run(status -> {
            try {
                dialect.countHit(jdbc, key, start);
            } catch (DuplicateKeyException firstHitRace) {
                // H2's MERGE lets two first hits of a key both try to insert; the loser counts on the row now there.
                dialect.countHit(jdbc, key, start);
            }
            List<Integer> hits = jdbc.queryForList("SELECT hits FROM sms_rate_limit WHERE bucket_key = ?"
                    + " AND window_start = ?", Integer.class, key, start);
            // No row for this window: a later window replaced it meanwhile, so this hit belongs to the past one.
            return hits.isEmpty() || hits.get(0) <= limit.hits();
        }));
    }

    /** Deletes windows that started before {@code before}: the retention job's. @return how many */
    public static int purge(JdbcOperations jdbc, Instant before) {
        return jdbc.update("DELETE FROM sms_rate_limit WHERE window_start < ?", DbTime.toDb(before));
    }

    static String key(String kind, String value) {
        byte[] digest = Sha256.of(kind + ":" + Objects.requireNonNullElse(value, ""));
        return kind + ":" + HexFormat.of().formatHex(digest, 0, 24);
    }
}
