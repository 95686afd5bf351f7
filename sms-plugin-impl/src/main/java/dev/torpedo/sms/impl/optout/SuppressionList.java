package dev.torpedo.sms.impl.optout;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.impl.db.DbTime;
import dev.torpedo.sms.impl.db.Dialect;
import dev.torpedo.sms.impl.digest.Sha256;
import org.springframework.jdbc.core.JdbcOperations;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Numbers that asked not to receive SMS (a reply SAIR, PARE, STOP..., a provider's unsubscribe, a removal
 * request). A suppressed number is never sent to again, from any store.
 */
public final class SuppressionList {

    /** Numbers per IN list: far below every supported database's limit on parameters. */
    private static final int IN_LIST_SIZE = 500;
    /** The reason column's width. */
    static final int MAX_REASON = 40;
    private static final List<String> COLUMNS = List.of("recipient", "reason", "created_at");

    private final JdbcOperations jdbc;
    private final Dialect dialect;
    private final Clock clock;

    public SuppressionList(JdbcOperations jdbc, Dialect dialect, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public boolean isSuppressed(MobileNumber number) {
        // One round trip for both lists: it runs in the host's order transaction, once for every message.
        return !suppressedAmong(List.of(number)).isEmpty();
    }

    /**
     * The suppressed numbers among {@code numbers}, asked a few hundred at a time: a restock wave checks
     * thousands of recipients, and one query each would cost a round trip each.
     */
    public Set<MobileNumber> suppressedAmong(Collection<MobileNumber> numbers) {
        List<String> distinct = numbers.stream().map(MobileNumber::e164).distinct().toList();
        Set<MobileNumber> suppressed = new HashSet<>();
        for (int from = 0; from < distinct.size(); from += IN_LIST_SIZE) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + IN_LIST_SIZE));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            Map<String, String> byDigest = new HashMap<>();
            chunk.forEach(e164 -> byDigest.put(digestOf(MobileNumber.of(e164)), e164));
            List<Object> args = new ArrayList<>(chunk);
            args.addAll(byDigest.keySet());
            // One round trip for both lists: a digest (hex) can never be taken for a number (+ and digits).
            jdbc.query("SELECT recipient FROM sms_suppression WHERE recipient IN (" + marks + ") UNION ALL"
                            + " SELECT digest FROM sms_erased_number WHERE digest IN (" + marks + ")",
                    rs -> {
                        String found = rs.getString(1);
                        suppressed.add(MobileNumber.of(byDigest.getOrDefault(found, found)));
                    }, args.toArray());
        }
        return suppressed;
    }

    /**
     * Keeps the number suppressed without keeping the number: its suppression row gives way to its digest. For a
     * number erased at its owner's request; call inside the erasure's transaction.
     */
    public void forget(MobileNumber number) {
        jdbc.update("DELETE FROM sms_suppression WHERE recipient = ?", number.e164());
        dialect.insertUnlessDuplicate(jdbc, "sms_erased_number", List.of("digest", "erased_at"), digestOf(number),
                DbTime.toDb(clock.instant()));
    }

    /**
     * The number's SHA-256 digest, in hex. A digest of a phone number can be found again by trying every number:
     * it keeps the number out of the tables, not out of reach of someone who holds the database and wants it.
     */
    static String digestOf(MobileNumber number) {
        return Sha256.hex("torpedo-erased\n" + number.e164());
    }

    /** Adds the number; adding it again changes nothing. @return whether it was newly suppressed */
    public boolean suppress(MobileNumber number, String reason) {
        return dialect.insertUnlessDuplicate(jdbc, "sms_suppression", COLUMNS, number.e164(),
                reason.substring(0, Math.min(reason.length(), MAX_REASON)), DbTime.toDb(clock.instant()));
    }
}
