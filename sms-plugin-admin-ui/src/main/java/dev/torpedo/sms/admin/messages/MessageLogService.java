package dev.torpedo.sms.admin.messages;

import dev.torpedo.sms.admin.AdminUser;
import dev.torpedo.sms.admin.MessageDescriptions;
import dev.torpedo.sms.admin.Texts;
import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.i18n.LocalTimes;
import dev.torpedo.sms.impl.phone.PhoneNumberParser;
import dev.torpedo.sms.impl.queue.MessageRepository;
import dev.torpedo.sms.impl.queue.MessageStatus;
import dev.torpedo.sms.impl.queue.QueuedMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The message log and its health figures: recent messages, filtered by state and searched by order or number,
 * every state and reason in words; counts by state; messages and credits per day for the last 30 days; and
 * "Reenviar" for UNCERTAIN messages, which records who chose to risk a second copy.
 */
public final class MessageLogService {

    static final int DAYS = 30;
    private static final int ROWS = 100;

    private final MessageRepository messages;
    private final CreditLedger ledger;
    private final TransactionTemplate tx;
    private final MessageDescriptions descriptions;
    private final Clock clock;
    private final PhoneNumberParser phones = new PhoneNumberParser();

    public MessageLogService(MessageRepository messages, CreditLedger ledger, TransactionTemplate tx,
                             MessageDescriptions descriptions, Clock clock) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.tx = Objects.requireNonNull(tx, "transactions");
        this.descriptions = Objects.requireNonNull(descriptions, "descriptions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The page. {@code chart} is SVG markup made by the plugin, safe to print unescaped. */
    public record View(String status, String query, Map<String, String> statuses, Map<String, Long> counts,
                       List<MessageDescriptions.Described> rows, String chart, List<DayLine> days, int creditsSpent,
                       String error) {
    }

    /** One day of the chart, for the table beside it. */
    public record DayLine(String day, int messages, int credits) {
    }

    /** One UNCERTAIN message and the warning before it is resent. */
    public record ResendView(MessageDescriptions.Described message, String error) {
    }

    public View view(AdminUser user, String typedStatus, String typedQuery) {
        Texts t = new Texts(user.locale());
        MessageStatus status = statusOf(typedStatus);
        String query = Objects.requireNonNullElse(typedQuery, "").strip();
        String error = null;
        List<QueuedMessage> found;
        if (query.isEmpty()) {
            found = messages.search(user.store(), status, null, null, null, ROWS);
        } else if (query.matches("\\d{4}")) {
            found = messages.search(user.store(), status, null, null, query, ROWS);
        } else {
            Optional<MobileNumber> number = phones.parse(query).number();
            if (number.isPresent()) {
                found = messages.search(user.store(), status, null, number.get(), null, ROWS);
            } else if (query.matches("[A-Za-z0-9._-]{1,64}")) {
                found = messages.search(user.store(), status, query, null, null, ROWS);
            } else {
                found = List.of();
                error = t.get("log.query.error");
            }
        }
        Map<String, String> statuses = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<MessageStatus, Long> byStatus = messages.countByStatus(user.store());
        for (MessageStatus s : MessageStatus.values()) {
            statuses.put(s.name(), s.label(user.locale()));
            counts.put(s.label(user.locale()), byStatus.getOrDefault(s, 0L));
        }
        ZoneId zone = MessageDescriptions.STORE_ZONE;
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant from = today.minusDays(DAYS - 1).atStartOfDay(zone).toInstant();
        SortedMap<LocalDate, Integer> perDay = messages.perDay(user.store(), from, zone);
        SortedMap<LocalDate, Integer> spent = ledger.spentPerDay(user.store(), from, zone);
        List<LocalDate> days = new ArrayList<>();
        List<DayLine> lines = new ArrayList<>();
        for (LocalDate day = today.minusDays(DAYS - 1); !day.isAfter(today); day = day.plusDays(1)) {
            days.add(day);
            lines.add(new DayLine(LocalTimes.date(day, user.locale()),
                    perDay.getOrDefault(day, 0), spent.getOrDefault(day, 0)));
        }
        String chart = DailyChart.svg(days, perDay, spent, t.get("log.chart.title", DAYS), user.locale());
        return new View(status == null ? "" : status.name(), query, statuses, counts,
                found.stream().map(m -> descriptions.describe(m, user.locale())).toList(), chart, lines,
                spent.values().stream().mapToInt(Integer::intValue).sum(), error);
    }

    /** The warning page before an UNCERTAIN message is resent; empty when the store has no such message. */
    public Optional<ResendView> resendView(AdminUser user, long id) {
        return uncertain(user, id).map(m -> new ResendView(descriptions.describe(m, user.locale()), null));
    }

    /**
     * Resends an UNCERTAIN message once the merchant confirmed the warning; the resend goes out in the window,
     * is charged again, and records {@code user} as who asked for it.
     *
     * @return the new message's id, or empty when it cannot be resent (not UNCERTAIN, purged, resent already)
     */
    public Optional<Long> resend(AdminUser user, long id) {
        // Due now: the dispatcher holds it back until the recipient's window opens, as it does every message.
        return tx.execute(status -> uncertain(user, id)
                .flatMap(m -> messages.resendUncertain(user.store(), id, user.name(), clock.instant())));
    }

    private Optional<QueuedMessage> uncertain(AdminUser user, long id) {
        return messages.find(id).filter(m -> m.storeId().equals(user.store()) && m.status() == MessageStatus.UNCERTAIN);
    }

    private static MessageStatus statusOf(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            return MessageStatus.valueOf(typed.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
