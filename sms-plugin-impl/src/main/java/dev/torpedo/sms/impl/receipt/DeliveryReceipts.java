package dev.torpedo.sms.impl.receipt;

import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.db.DbTime;
import dev.torpedo.sms.impl.db.Transactions;
import dev.torpedo.sms.impl.queue.MessageRepository;
import dev.torpedo.sms.impl.queue.MessageStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Applies providers' delivery receipts to the messages they are about: idempotent, safe in any order, and
 * cheap (one indexed UPDATE on {@code (gateway, provider_message_id)}, no network), so that a webhook answers
 * well within Zenvia's one second.
 *
 * <p>A receipt only ever moves a message up this rank; anything else changes nothing:
 * <pre>
 *   UNCERTAIN (0)  &lt;  SENT (1)  &lt;  FAILED by a receipt (2)  &lt;  DELIVERED (3)
 * </pre>
 * <ul>
 *   <li>{@link ReceiptStatus#SENT}: an UNCERTAIN message becomes SENT (the provider had it after all); a SENT one
 *       stays as it is.</li>
 *   <li>{@link ReceiptStatus#DELIVERED}: SENT or UNCERTAIN becomes DELIVERED, with {@code delivered_at}; so does a
 *       message a receipt had failed ({@code undelivered: ...}), since a handset that got it outranks a carrier's
 *       earlier failure report. A late SENT never overwrites DELIVERED, and a failure report after DELIVERED is
 *       ignored.</li>
 *   <li>{@link ReceiptStatus#UNDELIVERED}: SENT or UNCERTAIN becomes FAILED, {@code undelivered: <code>}. Its
 *       credits are <b>not</b> refunded: the provider accepted and billed the message.</li>
 *   <li>{@link ReceiptStatus#NOT_SENT}: the same FAILED, but refunded, once: the provider never passed the message
 *       on and does not bill it (Twilio's {@code failed}).</li>
 *   <li>A receipt for a message still SENDING (it beat the dispatcher's record of the send) or for an id no
 *       message carries yet is kept ({@code sms_parked_receipt}) and applied by {@link #applyParked()} once the
 *       send is recorded: a receipt is never dropped for coming early. One that finds no message within
 *       {@link #PARKED_FOR} is dropped then, and logged.</li>
 *   <li>A receipt with a status that says nothing ({@link ReceiptStatus#OTHER}) changes nothing.</li>
 * </ul>
 * Messages the dispatcher ended itself (FAILED by a refusal, CANCELLED, SKIPPED...) are never touched.
 *
 * <pre>{@code
 * var receipts = new DeliveryReceipts(jdbc, transactionManager, ledger, clock);
 * receipts.apply(new Receipt("zenvia", providerId, ReceiptStatus.DELIVERED, "DELIVERED", deliveredAt));
 * }</pre>
 */
public final class DeliveryReceipts {

    /** What a receipt did. */
    public enum Outcome {
        /** The message moved up. */
        APPLIED,
        /** The message was already there or beyond: a replay, a late or an out-of-order receipt. */
        UNCHANGED,
        /** The message is still SENDING: the receipt came before the dispatcher recorded the send; kept for later. */
        NOT_YET_RECORDED,
        /** No message has this provider id (yet: the send may not be recorded); kept for later. */
        UNKNOWN,
        /** The status says nothing about delivery. */
        IGNORED
    }

    /** The reason of a message failed by a receipt starts with this. */
    public static final String UNDELIVERED = MessageRepository.UNDELIVERED;

    /** How long a receipt that found no message is kept waiting for it: far beyond any send's lease. */
    public static final Duration PARKED_FOR = Duration.ofDays(1);

    private static final int PARKED_PER_RUN = 500;

    private static final Logger log = LoggerFactory.getLogger(DeliveryReceipts.class);

    private final JdbcOperations jdbc;
    private final Transactions transactions;
    private final CreditLedger ledger;
    private final Clock clock;
    /** Receipts this instance kept, ever; {@link #settledHere}, how many of them a run has seen settled. */
    private final AtomicLong keptHere = new AtomicLong();
    private volatile long settledHere;
    private final AtomicInteger hereRequests = new AtomicInteger();
    private final ReentrantLock hereRun = new ReentrantLock();

    public DeliveryReceipts(JdbcOperations jdbc, PlatformTransactionManager transactions, CreditLedger ledger,
                            Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.transactions = new Transactions(transactions);
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Applies the receipt in a transaction of its own; applying it again changes nothing. */
    public Outcome apply(Receipt receipt) {
        Objects.requireNonNull(receipt, "receipt");
        if (receipt.status() == ReceiptStatus.OTHER) {
            log.debug("Receipt from {} for message {} carries no delivery status ({}): ignored", receipt.gateway(),
                    Logs.safe(receipt.providerMessageId()), Logs.safe(receipt.code()));
            return Outcome.IGNORED;
        }
        Outcome outcome = transactions.run(status -> {
            Outcome applied = applyInTransaction(receipt);
            if (waitsForItsSend(applied)) {
                park(receipt);
            }
            return applied;
        });
        if (waitsForItsSend(outcome)) {
            // Only once the kept row is committed, so that a run of applyParkedHere that starts now can see it.
            keptHere.incrementAndGet();
        }
        return outcome;
    }

    /**
     * Applies the receipts kept for messages whose send was not recorded when they came, each in a transaction of
     * its own with its removal; drops those kept longer than {@link #PARKED_FOR}. Run after each recorded batch
     * and every poll interval, on any number of nodes.
     *
     * @return how many kept receipts found their message
     */
    public int applyParked() {
        return runParked().found();
    }

    /** What one run over the kept receipts did. */
    private record ParkedRun(int found, int stillKept) {
    }

    private ParkedRun runParked() {
        List<Parked> parked = jdbc.query("SELECT id, gateway, provider_message_id, message_id, status, code,"
                        + " occurred_at, parked_at FROM sms_parked_receipt ORDER BY id LIMIT ?",
                (rs, n) -> new Parked(rs.getLong("id"), new Receipt(rs.getString("gateway"),
                        rs.getString("provider_message_id"), ReceiptStatus.valueOf(rs.getString("status")),
                        rs.getString("code"), DbTime.fromDb(rs, "occurred_at"), rs.getObject("message_id", Long.class)),
                        DbTime.fromDb(rs, "parked_at")),
                PARKED_PER_RUN);
        Instant giveUp = clock.instant().minus(PARKED_FOR);
        int found = 0;
        int stillKept = 0;
        for (Parked kept : parked) {
            boolean expired = kept.parkedAt().isBefore(giveUp);
            Outcome outcome = transactions.run(status -> {
                Outcome applied = applyInTransaction(kept.receipt());
                if (!waitsForItsSend(applied) || expired) {
                    // Deleted by id: another node that applied it first leaves nothing to delete.
                    jdbc.update("DELETE FROM sms_parked_receipt WHERE id = ?", kept.id());
                }
                return applied;
            });
            if (!waitsForItsSend(outcome)) {
                found++;
            } else if (expired) {
                log.info("Receipt from {} for message {} found no message in {}: dropped", kept.receipt().gateway(),
                        Logs.safe(kept.receipt().providerMessageId()), PARKED_FOR);
            } else {
                stillKept++;
            }
        }
        return new ParkedRun(found, stillKept);
    }

    private static boolean waitsForItsSend(Outcome outcome) {
        return outcome == Outcome.NOT_YET_RECORDED || outcome == Outcome.UNKNOWN;
    }

    /**
     * {@link #applyParked()}, but only while a receipt this instance kept has not found its message: what the
     * dispatcher runs after recording outcomes, so that an early receipt lands moments after its send's outcome,
     * and costs nothing when no receipt came early. Calls from several threads at once make one run at a time, and
     * a call that comes during a run makes another after it, so that none is lost. Receipts kept by another node
     * are the periodic {@link #applyParked()}'s.
     */
    public void applyParkedHere() {
        if (keptHere.get() == settledHere) {
            return;
        }
        hereRequests.incrementAndGet();
        while (hereRequests.get() > 0 && hereRun.tryLock()) {
            try {
                hereRequests.set(0);
                long kept = keptHere.get();
                if (runParked().stillKept() == 0) {
                    // Receipts kept after {@code kept} was read make keptHere larger: they are not settled.
                    settledHere = kept;
                }
            } finally {
                hereRun.unlock();
            }
        }
    }

    /** A receipt kept until its message's send is recorded. */
    private record Parked(long id, Receipt receipt, Instant parkedAt) {
    }

    private void park(Receipt receipt) {
        jdbc.update("INSERT INTO sms_parked_receipt (gateway, provider_message_id, message_id, status, code,"
                        + " occurred_at, parked_at) VALUES (?, ?, ?, ?, ?, ?, ?)", clip(receipt.gateway(), 32),
                clip(receipt.providerMessageId(), 100), receipt.messageId(), receipt.status().name(),
                receipt.code() == null ? null : clip(receipt.code(), 100),
                DbTime.toDb(receipt.occurredAt()), DbTime.toDb(clock.instant()));
    }

    private Outcome applyInTransaction(Receipt receipt) {
        Instant now = clock.instant();
        Instant occurred = receipt.occurredAt() != null ? receipt.occurredAt() : now;
        String gateway = clip(receipt.gateway(), 32);
        String providerId = clip(receipt.providerMessageId(), 100);

        MessageRepository.ReceiptMove move = switch (receipt.status()) {
            case SENT -> MessageRepository.ReceiptMove.SENT;
            case DELIVERED -> MessageRepository.ReceiptMove.DELIVERED;
            case UNDELIVERED, NOT_SENT -> MessageRepository.ReceiptMove.FAILED;
            default -> throw new IllegalStateException("Unexpected receipt status " + receipt.status());
        };
        String reason = move == MessageRepository.ReceiptMove.FAILED ? reason(receipt) : null;

        int changed = MessageRepository.moveByReceipt(jdbc, move, reason, gateway, providerId, receipt.messageId(),
                occurred, now);
        if (changed == 0) {
            Outcome outcome = unchanged(receipt, gateway, providerId);
            if (outcome != Outcome.UNCHANGED) {
                return outcome;
            }
            // The dispatcher may have recorded the send between the statements above, giving the row the provider's
            // id the first one looked for: once more, so that such a receipt is applied, not taken for a replay.
            changed = MessageRepository.moveByReceipt(jdbc, move, reason, gateway, providerId, null, occurred, now);
            if (changed == 0) {
                return outcome;
            }
        }
        if (receipt.status() == ReceiptStatus.UNDELIVERED || receipt.status() == ReceiptStatus.NOT_SENT) {
            failed(receipt, gateway, providerId);
        } else {
            log.debug("Message {} of {} is now {} (receipt)", Logs.safe(providerId), gateway, receipt.status());
        }
        return Outcome.APPLIED;
    }

    /** Logs what a FAILED receipt did and refunds a message the provider did not bill. */
    private void failed(Receipt receipt, String gateway, String providerId) {
        List<MessageRepository.FailedByReceipt> rows = new ArrayList<>(
                MessageRepository.failedByReceipt(jdbc, gateway, providerId));
        boolean refund = receipt.status() == ReceiptStatus.NOT_SENT;
        // In store order, like every other change to the credit accounts, so that transactions cannot deadlock.
        rows.sort(Comparator.comparing((MessageRepository.FailedByReceipt f) -> f.store().value())
                .thenComparingLong(MessageRepository.FailedByReceipt::id));
        for (MessageRepository.FailedByReceipt row : rows) {
            boolean refunded = refund && row.creditsDebited() > 0
                    && ledger.refund(row.store(), row.id(), row.creditsDebited());
            log.info("Message {} to {} FAILED by a {} receipt ({}); {}", row.id(), row.recipientMasked(), gateway,
                    Logs.safe(row.reason()), refunded ? row.creditsDebited() + " credit(s) refunded: the provider did not bill it"
                            : refund ? "nothing to refund" : "credits kept: the provider billed it");
        }
    }

    private Outcome unchanged(Receipt receipt, String gateway, String providerId) {
        List<MessageStatus> statuses = MessageRepository.statusesByReceipt(jdbc, gateway, providerId,
                receipt.messageId());
        if (statuses.isEmpty()) {
            log.debug("Receipt from {} for message {} ({}), which no message carries yet: kept", gateway,
                    Logs.safe(providerId), receipt.status());
            return Outcome.UNKNOWN;
        }
        if (statuses.contains(MessageStatus.SENDING)) {
            log.debug("Receipt from {} for message {} ({}) came before its send was recorded: kept", gateway,
                    Logs.safe(providerId), receipt.status());
            return Outcome.NOT_YET_RECORDED;
        }
        log.debug("Receipt from {} for message {} ({}) changes nothing: it is already {}", gateway,
                Logs.safe(providerId), receipt.status(), statuses);
        return Outcome.UNCHANGED;
    }

    private static String reason(Receipt receipt) {
        String code = receipt.code() == null || receipt.code().isBlank() ? receipt.status().name() : receipt.code().strip();
        return clip(UNDELIVERED + code, 200);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
