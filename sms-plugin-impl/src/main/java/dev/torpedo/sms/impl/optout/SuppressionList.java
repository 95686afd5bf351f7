package dev.torpedo.sms.impl.optout;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.impl.db.DbTime;
import dev.torpedo.sms.impl.db.Dialect;
import org.springframework.jdbc.core.JdbcOperations;

import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Numbers that asked not to receive SMS (a reply SAIR, PARE, STOP..., a provider's unsubscribe, a removal
 * request). A suppressed number is never sent to again, from any store.
 */
public final class SuppressionList {

    /** Keeps an IN list well within every driver's limit on bind parameters. */
    private static final int IN_LIST_CHUNK = 500;
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
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM sms_suppression WHERE recipient = ?", Long.class,
                number.e164());
        return count != null && count > 0;
    }

    /** Which of {@code numbers} are suppressed, in one query per few hundred numbers (a dispatcher's batch). */
    public Set<MobileNumber> suppressedAmong(Collection<MobileNumber> numbers) {
        List<String> distinct = numbers.stream().map(MobileNumber::e164).distinct().toList();
        Set<MobileNumber> suppressed = new HashSet<>();
        for (int from = 0; from < distinct.size(); from += IN_LIST_CHUNK) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + IN_LIST_CHUNK));
            jdbc.queryForList("SELECT recipient FROM sms_suppression WHERE recipient IN ("
                            + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")", String.class,
                    chunk.toArray())
                    .forEach(e164 -> suppressed.add(MobileNumber.of(e164)));
        }
        return suppressed;
    }

    /** Adds the number; adding it again changes nothing. @return whether it was newly suppressed */
    public boolean suppress(MobileNumber number, String reason) {
        return dialect.insertUnlessDuplicate(jdbc, "sms_suppression", COLUMNS, number.e164(),
                reason.length() > 40 ? reason.substring(0, 40) : reason, DbTime.toDb(clock.instant()));
    }
}
