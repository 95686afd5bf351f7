package dev.torpedo.sms.impl.retention;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.db.DbTime;
import dev.torpedo.sms.impl.db.Transactions;
import dev.torpedo.sms.impl.optout.SuppressionList;
import dev.torpedo.sms.impl.ratelimit.RateLimits;
import dev.torpedo.sms.impl.db.Dialect;
import dev.torpedo.sms.impl.queue.MessageRepository;
import dev.torpedo.sms.impl.restock.SubscriptionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

import javax.sql.DataSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * LGPD: phone numbers and texts are personal data, kept only as long as needed. {@link #purge()} (run it daily)
 * erases them from what is older than the retention period; {@link #forget(MobileNumber)} erases one number
 * everywhere when its owner asks.
 *
 * <p>What stays: a message keeps its masked number ({@code +55 11 9****-5678}), status, reason and costs, so
 * the merchant's list and the credit history still add up. The suppression list keeps its numbers on purpose,
 * and {@code forget} adds the number to it: it is the one record that makes sure a number that opted out, or
 * asked to be forgotten, is never messaged again, by any store.
 *
 * <pre>{@code
 * var retention = new RetentionJob(jdbc, clock, RetentionJob.DEFAULT_RETENTION);
 * scheduler.scheduleAtFixedRate(retention::purge, 1, 24, TimeUnit.HOURS);
 * retention.forget(MobileNumber.of("+5511912345678"));
 * }</pre>
 */
public final class RetentionJob {

    /** How long numbers and texts are kept by default: 180 days. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(180);
    /** The reason of a queued message cancelled because its recipient asked to be forgotten. */
    public static final String ERASED_ON_REQUEST = "erased-on-request";

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration retention;
    private final Dialect dialect;
    private final Transactions transactions;
    private final CreditLedger ledger;
    private final SuppressionList suppressions;

    /** Keeps numbers and texts for {@link #DEFAULT_RETENTION}. */
    public RetentionJob(JdbcTemplate jdbc, Clock clock) {
        this(jdbc, clock, DEFAULT_RETENTION);
    }

    /** @param retention how long numbers and texts are kept, positive */
    public RetentionJob(JdbcTemplate jdbc, Clock clock, Duration retention) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("The retention period is positive, not " + retention);
        }
        DataSource dataSource = Objects.requireNonNull(jdbc.getDataSource(), "the JdbcTemplate's data source");
        this.dialect = Dialect.of(dataSource);
        this.transactions = new Transactions(new JdbcTransactionManager(dataSource));
        this.ledger = new CreditLedger(jdbc, dialect, clock);
        this.suppressions = new SuppressionList(jdbc, dialect, clock);
    }

    /**
     * Erases numbers and texts older than the retention period: from messages in a final state created before
     * then (a message still queued keeps them until it is sent), from subscriptions notified or cancelled before
     * then (counting from their notification, else from the signup), and sandbox messages go altogether.
     * Active subscriptions keep their number while they last: the shopper still waits, with consent. One past its
     * expiry becomes EXPIRED and loses its number.
     *
     * @return the rows erased or deleted
     */
    public int purge() {
        Instant now = clock.instant();
        LocalDateTime cutoff = DbTime.toDb(now.minus(retention));
        int messages = MessageRepository.purgeFinalBefore(jdbc, now.minus(retention), now);
        int subscriptions = jdbc.update("UPDATE sms_subscription SET recipient = NULL WHERE recipient IS NOT NULL"
                        + " AND status IN (?, ?) AND COALESCE(notified_at, created_at) < ?",
                SubscriptionStatus.NOTIFIED.name(), SubscriptionStatus.CANCELLED.name(), cutoff);
        // Signups that no restock reached in their time lapse at once, whatever the retention: the shopper
        // consented to one alert soon, not to one a year later.
        int expired = jdbc.update("UPDATE sms_subscription SET status = ?, recipient = NULL WHERE status = ?"
                        + " AND expires_at <= ?", SubscriptionStatus.EXPIRED.name(), SubscriptionStatus.ACTIVE.name(),
                DbTime.toDb(now));
        int sandbox = jdbc.update("DELETE FROM sms_sandbox_outbox WHERE created_at < ?", cutoff);
        // Rate-limit windows hold digests only; a day covers every window the storefront uses.
        RateLimits.purge(jdbc, now.minus(Duration.ofDays(1)));
        RemovalCodes.purgeExpired(jdbc, now);
        log.info("Retention: erased numbers older than {} from {} message(s) and {} subscription(s), expired {}"
                + " signup(s), deleted {} sandbox message(s)", retention, messages, subscriptions, expired, sandbox);
        return messages + subscriptions + expired + sandbox;
    }

    /**
     * Erases {@code number} on its owner's request: from every message (one still waiting to go out is cancelled
     * as {@value #ERASED_ON_REQUEST}), every "Avise-me" signup (cancelled) and the sandbox inbox, and keeps it
     * suppressed by its digest alone, so that it is never messaged again and no table holds it.
     *
     * <p>A message still waiting (QUEUED, WAITING_CREDIT) that had paid (a retry, or one a closing window sent
     * back) gives its credits back to its store. A message already in a provider's hands ({@code SENDING})
     * cannot be called back; it is cancelled and erased here all the same, and keeps what it paid. All of it in
     * one transaction of its own.
     *
     * @return the rows erased or deleted
     */
    public int forget(MobileNumber number) {
        Objects.requireNonNull(number, "number");
        return transactions.run(status -> forgetInTransaction(number));
    }

    private int forgetInTransaction(MobileNumber number) {
        String e164 = number.e164();
        Instant now = clock.instant();
        // Every message row first, then the credit accounts in store order, as the dispatcher does.
        List<MessageRepository.Cancelled> waiting = MessageRepository.cancelWaiting(jdbc, number, ERASED_ON_REQUEST,
                now);
        MessageRepository.Forgotten messages = MessageRepository.forget(jdbc, number, ERASED_ON_REQUEST, now);
        int refunded = MessageRepository.Cancelled.refundInStoreOrder(ledger, waiting);
        int cancelled = waiting.size() + messages.cancelled();
        // The waiting rows, cancelled first, are erased with the rest: each message counts once.
        int erased = messages.erased() - waiting.size();
        int subscriptions = jdbc.update("UPDATE sms_subscription SET recipient = NULL,"
                        + " status = CASE WHEN status = ? THEN ? ELSE status END WHERE recipient = ?",
                SubscriptionStatus.ACTIVE.name(), SubscriptionStatus.CANCELLED.name(), e164);
        int sandbox = jdbc.update("DELETE FROM sms_sandbox_outbox WHERE recipient = ?", e164);
        RemovalCodes.forget(jdbc, number);
        // Never messaged again, and yet not kept: the suppression list holds its digest from now on.
        suppressions.forget(number);
        log.info("Forgot {}: {} message(s) cancelled ({} credit(s) refunded), {} erased, {} subscription(s), {} sandbox"
                + " message(s)", number.masked(), cancelled, refunded, erased, subscriptions, sandbox);
        return cancelled + erased + subscriptions + sandbox;
    }
}
