package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.db.SetStatements;
import dev.torpedo.sms.impl.db.Transactions;
import dev.torpedo.sms.impl.optout.SuppressionList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Records what became of a group of sends, in one transaction: the {@link OutcomePolicy}'s decision for each,
 * applied only while the row is still SENDING under this node's lease (a node that comes back after its lease
 * expired changes nothing), with the refunds and suppressions the decisions ask for, and the meters and log lines.
 * While the database is away it tries again, until the group's lease ends ({@link #recordWithinLease}).
 */
final class OutcomeRecorder {

    /** Under the dispatcher's name, where operators look for what the queue did. */
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    /** The first pause before recording again while the database is away; it doubles up to {@link #RETRY_MAX}. */
    static final Duration RETRY_FIRST = Duration.ofMillis(100);
    static final Duration RETRY_MAX = Duration.ofSeconds(2);

    private final MessageRepository messages;
    private final Transactions transactions;
    private final CreditLedger ledger;
    private final SuppressionList suppressions;
    private final String gatewayName;
    private final OutcomePolicy policy;
    private final QueueMetrics metrics;
    private final Clock clock;
    private final String nodeId;

    OutcomeRecorder(MessageRepository messages, Transactions transactions, CreditLedger ledger, SuppressionList suppressions,
                    String gatewayName, OutcomePolicy policy, QueueMetrics metrics, Clock clock, String nodeId) {
        this.messages = messages;
        this.transactions = transactions;
        this.ledger = ledger;
        this.suppressions = suppressions;
        this.gatewayName = gatewayName.length() <= 32 ? gatewayName : gatewayName.substring(0, 29) + "...";
        this.policy = policy;
        this.metrics = metrics;
        this.clock = clock;
        this.nodeId = nodeId;
    }

    /** One row's decided new state; refund and suppression only apply if the row was still ours. */
    record Outcome(Lease lease, OutcomePolicy.Decision decision) {
        MessageStatus status() {
            return decision.status();
        }
    }

    /** @return how many rows reached each state */
    Map<MessageStatus, Integer> record(List<Attempt> attempts) {
        // Decide outside the transaction: a retried transaction must not draw new jitter.
        List<Outcome> outcomes = attempts.stream().map(this::outcome).toList();
        List<Outcome> recorded;
        try {
            recorded = transactions.run(status -> apply(outcomes, true));
        } catch (LeaseLost lost) {
            // Rolled back: record again row by row, learning which rows are still ours.
            recorded = transactions.run(status -> apply(outcomes, false));
        }
        return report(outcomes, recorded);
    }

    /**
     * Whether a claim may write this send's outcome in its own transaction ({@link #writeSent}): a send the
     * provider took becomes SENT and touches no store's account, so the claim's debits keep their lock order.
     */
    static boolean carriable(Attempt attempt) {
        return attempt instanceof Attempt.Answered answered && answered.result() instanceof SendResult.Accepted;
    }

    /** Outcomes written in a claim's transaction, to {@link #report(Written)} once it commits. */
    record Written(List<Outcome> outcomes) {
    }

    /**
     * Writes the SENT outcomes of {@link #carriable} sends inside the caller's transaction.
     *
     * @throws LeaseLost if a row is no longer this node's: the caller rolls back and leaves the sends to
     *                   {@link #record}, which finds which
     */
    Written writeSent(List<Attempt> attempts) {
        List<Outcome> outcomes = attempts.stream().map(this::outcome).toList();
        if (!outcomes.stream().allMatch(o -> o.status() == MessageStatus.SENT)) {
            throw new IllegalArgumentException("Only sends the provider took are written in a claim's transaction");
        }
        sent(outcomes, true, clock.instant());
        return new Written(outcomes);
    }

    /** The meters and log lines of outcomes a claim's transaction committed; how many rows reached each state. */
    Map<MessageStatus, Integer> report(Written written) {
        return report(written.outcomes(), written.outcomes());
    }

    private Map<MessageStatus, Integer> report(List<Outcome> outcomes, List<Outcome> recorded) {
        Map<MessageStatus, Integer> tally = new TreeMap<>();
        RuntimeException meterFailed = null;
        for (Outcome outcome : recorded) {
            tally.merge(outcome.status(), 1, Integer::sum);
            try {
                count(outcome);
            } catch (RuntimeException e) {
                meterFailed = e;
            }
            logOutcome(outcome);
        }
        if (meterFailed != null) {
            // The host's meters only watch: the outcomes are committed, and must not look unrecorded.
            log.warn("{}: the metrics failed counting recorded outcomes; the outcomes stand: {}", nodeId,
                    meterFailed.toString());
        }
        int lost = outcomes.size() - recorded.size();
        if (lost > 0) {
            log.warn("{}: {} outcome(s) not recorded: the rows were no longer leased to this node (lease expired"
                    + " and recovered as UNCERTAIN)", nodeId, lost);
        }
        return tally;
    }

    /**
     * {@link #record}, and while the database is away (no connection, no transaction), again until the lease
     * ends: sends that went out are recorded SENT when it comes back, rather than left to become UNCERTAIN. Past
     * the lease the rows are another node's to recover, and the last failure is thrown.
     *
     * @param leaseEnds when the earliest of the group's leases ends
     * @param lease     how long a lease lasts: the pauses taken add up to less, whatever the clock says
     */
    Map<MessageStatus, Integer> recordWithinLease(List<Attempt> group, Instant leaseEnds, Duration lease,
                                                  Dispatcher.Pause pause) {
        Duration next = RETRY_FIRST;
        Duration waited = Duration.ZERO;
        boolean warned = false;
        while (true) {
            try {
                return record(group);
            } catch (TransactionException | DataAccessResourceFailureException | TransientDataAccessException
                     | RecoverableDataAccessException databaseAway) {
                // Past the lease by the clock, or by the pauses taken alone (a test's clock may stand still).
                if (!clock.instant().plus(next).isBefore(leaseEnds) || waited.plus(next).compareTo(lease) >= 0) {
                    throw databaseAway;
                }
                if (!warned) {
                    log.warn("{}: cannot record {} outcome(s), the database is away ({}); trying again until their"
                            + " lease ends", nodeId, group.size(), databaseAway.getClass().getSimpleName());
                    warned = true;
                }
                try {
                    pause.sleep(next.toNanos());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw databaseAway;
                }
                waited = waited.plus(next);
                next = next.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : next.multipliedBy(2);
            }
        }
    }

    private void count(Outcome outcome) {
        DueRow row = outcome.lease().row();
        if (outcome.status() == MessageStatus.SENT) {
            Duration late = Duration.between(row.notBefore(), outcome.decision().at());
            metrics.sent(row.kind(), late.isNegative() ? Duration.ZERO : late);
        } else if (outcome.decision().metric() != null) {
            metrics.failed(row.kind(), outcome.decision().metric());
        }
    }

    private Outcome outcome(Attempt attempt) {
        Lease lease = attempt.lease();
        if (attempt instanceof Attempt.WindowClosed closed) {
            return new Outcome(lease, policy.windowClosed(closed.reopens()));
        }
        if (attempt instanceof Attempt.HeldBack held) {
            return new Outcome(lease, policy.heldBack(held.reason(), held.retryAt()));
        }
        if (attempt instanceof Attempt.Threw threw) {
            // Its message and stack may carry provider URLs or tokens: DEBUG only.
            log.debug("{}: gateway exception for message {}", nodeId, lease.row().id(), threw.error());
            return new Outcome(lease, policy.threw(threw.error()));
        }
        Attempt.Answered answered = (Attempt.Answered) attempt;
        return new Outcome(lease, policy.answered(answered.result(), answered.at(), lease.attempt(),
                lease.row().createdAt()));
    }

    /** One line per message that did not simply go out; the number masked, never the text. */
    private void logOutcome(Outcome outcome) {
        Lease lease = outcome.lease();
        String node = nodeId;
        long id = lease.row().id();
        MobileNumber to = lease.sms().to();
        switch (outcome.status()) {
            case SENT -> log.debug("{}: message {} to {} sent", node, id, to);
            case QUEUED -> {
                if (outcome.decision().attemptGivenBack()) {
                    log.info("{}: message {} to {} not sent ({}); queued again for {}, the attempt not counted",
                            node, id, to, outcome.decision().reason(), outcome.decision().at());
                } else {
                    log.info("{}: message {} to {}: attempt {} failed ({}); next attempt at {}", node, id, to,
                            lease.attempt(), outcome.decision().reason(), outcome.decision().at());
                }
            }
            case FAILED -> log.warn("{}: message {} to {} FAILED after {} attempt(s) ({}); {} credit(s) refunded{}",
                    node, id, to, lease.attempt(), outcome.decision().reason(), lease.credits(),
                    outcome.decision().suppress() ? "; the number is now suppressed" : "");
            case UNCERTAIN -> log.warn("{}: message {} to {} UNCERTAIN ({}): the provider may have it, so it is"
                    + " neither resent nor refunded", node, id, to, outcome.decision().reason());
            default -> {
            }
        }
    }

    /**
     * Applies the outcomes; returns those that held (the row was still SENDING under this node's lease).
     *
     * @param together whether to record the sent rows a few hundred to a statement; throws {@link LeaseLost} (and
     *                 the transaction rolls back) if any of them was no longer ours, since such a statement cannot
     *                 tell which
     */
    private List<Outcome> apply(List<Outcome> outcomes, boolean together) {
        List<Outcome> held = new ArrayList<>(outcomes.size());
        List<Outcome> sent = new ArrayList<>();
        List<Outcome> queued = new ArrayList<>();
        List<Outcome> uncertain = new ArrayList<>();
        List<Outcome> failed = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            switch (outcome.status()) {
                case SENT -> sent.add(outcome);
                case QUEUED -> queued.add(outcome);
                case UNCERTAIN -> uncertain.add(outcome);
                case FAILED -> failed.add(outcome);
                default -> throw new IllegalStateException("Unexpected outcome " + outcome.status());
            }
        }
        Instant now = clock.instant();
        held.addAll(sent(sent, together, now));
        held.addAll(holding(queued, messages.requeue(queued.stream().map(o -> new MessageRepository.Requeue(
                o.lease().id(), o.decision().at(), o.decision().reason(), o.decision().attemptGivenBack())).toList(),
                nodeId, now)));
        held.addAll(holding(uncertain, messages.finish(uncertain.stream().map(o -> new MessageRepository.Finish(
                o.lease().id(), o.decision().reason())).toList(), MessageStatus.UNCERTAIN, nodeId, now)));
        // Failures refund: one by one (each needs its own update count), in store order like every account change.
        failed.sort(Comparator.comparing((Outcome o) -> o.lease().row().store().value()));
        for (Outcome outcome : failed) {
            if (!messages.finish(outcome.lease().id(), MessageStatus.FAILED, outcome.decision().reason(), nodeId, now)) {
                continue;
            }
            held.add(outcome);
            DueRow row = outcome.lease().row();
            if (outcome.decision().refund()) {
                ledger.refund(row.store(), row.id(), outcome.lease().credits());
            }
            if (outcome.decision().suppress()) {
                suppressions.suppress(outcome.lease().sms().to(), "provider-opt-out");
            }
        }
        return held;
    }

    /** Thrown inside the recording transaction when a set-based update finds a row that is no longer ours. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super(null, null, false, false);
        }
    }

    /** Records the sent rows, a few hundred to a statement ({@code together}) or one by one. */
    private List<Outcome> sent(List<Outcome> sent, boolean together, Instant now) {
        List<List<Outcome>> statements = together ? SetStatements.chunks(sent) : sent.stream().map(List::of).toList();
        List<Outcome> held = new ArrayList<>(sent.size());
        for (List<Outcome> rows : statements) {
            boolean all = messages.markSent(rows.stream().map(o -> new MessageRepository.Sent(o.lease().id(),
                    o.decision().providerMessageId(), o.decision().at())).toList(), gatewayName, nodeId, now);
            if (all) {
                held.addAll(rows);
            } else if (together) {
                throw new LeaseLost();
            }
        }
        return held;
    }

    /** The outcomes whose rows were changed: those still leased to this node. */
    private static List<Outcome> holding(List<Outcome> outcomes, List<Long> changed) {
        Set<Long> ours = new HashSet<>(changed);
        return outcomes.stream().filter(o -> ours.contains(o.lease().id())).toList();
    }
}
