package dev.torpedo.sms.impl.retention;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.impl.db.DbTime;
import dev.torpedo.sms.impl.db.GeneratedKeys;
import dev.torpedo.sms.impl.digest.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * The one-time codes of "Remover meus dados": six digits, kept as a digest, good for a few tries until they
 * expire. A code proves the number is the shopper's; the removal itself is {@link DataRemoval}'s.
 *
 * <pre>{@code
 * RemovalCodes.Issued issued = codes.issue(store, number, expiresAt);   // send issued.code() by SMS
 * codes.check(issued.id(), store, "482913");                           // the number, when the code is right
 * }</pre>
 */
public final class RemovalCodes {

    /** Wrong codes a request survives; the next one ends it. */
    public static final int MAX_ATTEMPTS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcOperations jdbc;
    private final Clock clock;

    public RemovalCodes(JdbcOperations jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A new request: its id, and the code to send (never stored as such). */
    public record Issued(long id, String code) {
    }

    /** What a typed code proved. */
    public sealed interface Check {
        /** The right code: the number is the shopper's. The request is used up. */
        record Proved(MobileNumber number) implements Check {
        }

        /** A wrong code; {@code attemptsLeft} more are allowed. */
        record Wrong(int attemptsLeft) implements Check {
        }

        /** No such request for this store, used, expired or out of attempts. */
        record Gone() implements Check {
        }
    }

    public Issued issue(StoreId store, MobileNumber number, Instant expiresAt) {
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        long id = GeneratedKeys.insert(jdbc, "INSERT INTO sms_removal_code (store_id, recipient, code_digest, attempts,"
                        + " expires_at, created_at) VALUES (?, ?, ?, 0, ?, ?)", store.value(), number.e164(),
                digest(number, code), DbTime.toDb(expiresAt), DbTime.toDb(clock.instant()));
        return new Issued(id, code);
    }

    /** Checks a typed code, counting the attempt first, so that parallel guesses cannot exceed the limit. */
    public Check check(long id, StoreId store, String typed) {
        var now = DbTime.toDb(clock.instant());
        if (jdbc.update("UPDATE sms_removal_code SET attempts = attempts + 1 WHERE id = ? AND store_id = ?"
                + " AND attempts < ? AND expires_at > ?", id, store.value(), MAX_ATTEMPTS, now) == 0) {
            return new Check.Gone();
        }
        record Row(String recipient, String codeDigest, int attempts) {
        }
        Optional<Row> row = jdbc.query("SELECT recipient, code_digest, attempts FROM sms_removal_code WHERE id = ?",
                (rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getInt(3)), id).stream().findFirst();
        if (row.isEmpty()) {
            return new Check.Gone();
        }
        MobileNumber number = MobileNumber.of(row.get().recipient());
        String code = typed == null ? "" : typed.replaceAll("\\s", "");
        if (!MessageDigest.isEqual(digest(number, code).getBytes(StandardCharsets.US_ASCII),
                row.get().codeDigest().getBytes(StandardCharsets.US_ASCII))) {
            return new Check.Wrong(Math.max(0, MAX_ATTEMPTS - row.get().attempts()));
        }
        jdbc.update("DELETE FROM sms_removal_code WHERE id = ?", id);
        return new Check.Proved(number);
    }

    /** The retention job's: requests past their expiry go, with their numbers. */
    static int purgeExpired(JdbcOperations jdbc, Instant now) {
        return jdbc.update("DELETE FROM sms_removal_code WHERE expires_at <= ?", DbTime.toDb(now));
    }

    /** {@link RetentionJob#forget}'s: every request of the number goes with it. */
    static int forget(JdbcOperations jdbc, MobileNumber number) {
        return jdbc.update("DELETE FROM sms_removal_code WHERE recipient = ?", number.e164());
    }

    private static String digest(MobileNumber number, String code) {
        return Sha256.hex("torpedo-removal\n" + number.e164() + "\n" + code);
    }
}
