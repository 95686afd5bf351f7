package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.db.DbTime;
import dev.torpedo.sms.impl.db.SetStatements;
import dev.torpedo.sms.impl.db.Transactions;
import dev.torpedo.sms.impl.optout.SuppressionList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcOperations;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Records what became of a group of sends, in one transaction: the {@link OutcomePolicy}'s decision for each,
 * applied only while the row is still SENDING under this node's lease (a node that comes back after its lease
 * expired changes nothing), with the refunds and suppressions the decisions ask for, and the meters and log lines.
 */
final class OutcomeRecorder {

    /** Under the dispatcher's name, where operators look for what the queue did. */
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    /* Outcomes: each applies only while the row is still SENDING under this node's lease. */
    private static final String LEASED = " WHERE id = ? AND status = 'SENDING' AND lease_owner = ?";
    /** For one row or many in one statement: CASE picks each row's provider id and time. */
    private static final String TO_SENT = "UPDATE sms_message SET status = 'SENT', provider_message_id = CASE id %s END,"
            + " gateway = ?, sent_at = CASE id %s END, reason = NULL, lease_until = NULL, updated_at = ?"
            + " WHERE status = 'SENDING' AND lease_owner = ? AND id IN %s";
    private static final String TO_QUEUED = "UPDATE sms_message SET status = 'QUEUED', not_before = ?, reason = ?,"
            + " attempts = attempts - ?, lease_until = NULL, updated_at = ?" + LEASED;
    private static final String TO_FINAL = "UPDATE sms_message SET status = ?, reason = ?, lease_until = NULL,"
            + " updated_at = ?" + LEASED;

    private final JdbcOperations jdbc;
    private final Transactions transactions;
    private final CreditLedger ledger;
    private final SuppressionList suppressions;
    private final String gatewayName;
    private final OutcomePolicy policy;
    private final QueueMetrics metrics;
    private final Clock clock;
    private final String nodeId;

    OutcomeRecorder(JdbcOperations jdbc, Transactions transactions, CreditLedger ledger, SuppressionList suppressions,
                    String gatewayName, OutcomePolicy policy, QueueMetrics metrics, Clock clock, String nodeId) {
        this.jdbc = jdbc;
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
    private record Outcome(Dispatcher.Lease lease, OutcomePolicy.Decision decision) {
        MessageStatus status() {
            return decision.status();
        }
    }

    /** @return how many rows reached each state */
    Map<MessageStatus, Integer> record(List<Dispatcher.Attempt> attempts) {
        // Decide outside the transaction: a retried transaction must not draw new jitter.
        List<Outcome> outcomes = attempts.stream().map(this::outcome).toList();
        List<Outcome> recorded;
        try {
            recorded = transactions.run(status -> apply(outcomes, true));
        } catch (LeaseLost lost) {
            // Rolled back: record again row by row, learning which rows are still ours.
            recorded = transactions.run(status -> apply(outcomes, false));
        }

        Map<MessageStatus, Integer> tally = new TreeMap<>();
        for (Outcome outcome : recorded) {
            tally.merge(outcome.status(), 1, Integer::sum);
            Dispatcher.Row row = outcome.lease().row();
            if (outcome.status() == MessageStatus.SENT) {
                Duration late = Duration.between(row.notBefore(), outcome.decision().at());
                metrics.sent(row.kind(), late.isNegative() ? Duration.ZERO : late);
            } else if (outcome.decision().metric() != null) {
                metrics.failed(row.kind(), outcome.decision().metric());
            }
            logOutcome(outcome);
        }
        int lost = outcomes.size() - recorded.size();
        if (lost > 0) {
            log.warn("{}: {} outcome(s) not recorded: the rows were no longer leased to this node (lease expired"
                    + " and recovered as UNCERTAIN)", nodeId, lost);
        }
        return tally;
    }

    private Outcome outcome(Dispatcher.Attempt attempt) {
        Dispatcher.Lease lease = attempt.lease();
        if (attempt instanceof Dispatcher.WindowClosed closed) {
            return new Outcome(lease, policy.windowClosed(closed.reopens()));
        }
        if (attempt instanceof Dispatcher.Threw threw) {
            // Its message and stack may carry provider URLs or tokens: DEBUG only.
            log.debug("{}: gateway exception for message {}", nodeId, lease.row().id(), threw.error());
            return new Outcome(lease, policy.threw(threw.error()));
        }
        Dispatcher.Answered answered = (Dispatcher.Answered) attempt;
        return new Outcome(lease, policy.answered(answered.result(), answered.at(), lease.attempt(),
                lease.row().createdAt()));
    }

    /** One line per message that did not simply go out; the number masked, never the text. */
    private void logOutcome(Outcome outcome) {
        Dispatcher.Lease lease = outcome.lease();
        String node = nodeId;
        long id = lease.row().id();
        MobileNumber to = lease.sms().to();
        switch (outcome.status()) {
            case SENT -> log.debug("{}: message {} to {} sent", node, id, to);
            case QUEUED -> {
                if (outcome.decision().attemptGivenBack()) {
                    log.info("{}: message {} to {} not sent: its window closed before its turn; queued again for {}",
                            node, id, to, outcome.decision().at());
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
        LocalDateTime now = DbTime.toDb(clock.instant());
        held.addAll(sent(sent, together, now));
        held.addAll(batchHeld(TO_QUEUED, queued, o -> new Object[]{DbTime.toDb(o.decision().at()), o.decision().reason(),
                o.decision().attemptGivenBack() ? 1 : 0, now, o.lease().row().id(), nodeId}));
        held.addAll(batchHeld(TO_FINAL, uncertain, o -> finalArgs(o, now)));
        // Failures refund: one by one (each needs its own update count), in store order like every account change.
        failed.sort(Comparator.comparing((Outcome o) -> o.lease().row().store().value()));
        for (Outcome outcome : failed) {
            if (jdbc.update(TO_FINAL, finalArgs(outcome, now)) == 0) {
                continue;
            }
            held.add(outcome);
            Dispatcher.Row row = outcome.lease().row();
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
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super(null, null, false, false);
        }
    }

    private Object[] finalArgs(Outcome outcome, LocalDateTime now) {
        return new Object[]{outcome.status().name(), outcome.decision().reason(), now, outcome.lease().row().id(),
                nodeId};
    }

    /** Records the sent rows, a few hundred to a statement ({@code together}) or one by one. */
    private List<Outcome> sent(List<Outcome> sent, boolean together, LocalDateTime now) {
        List<List<Outcome>> statements = together ? SetStatements.chunks(sent) : sent.stream().map(List::of).toList();
        List<Outcome> held = new ArrayList<>(sent.size());
        for (List<Outcome> rows : statements) {
            String whens = String.join(" ", Collections.nCopies(rows.size(), "WHEN ? THEN ?"));
            List<Object> args = new ArrayList<>(rows.size() * 5 + 3);
            rows.forEach(o -> Collections.addAll(args, o.lease().row().id(), o.decision().providerMessageId()));
            args.add(gatewayName);
            rows.forEach(o -> Collections.addAll(args, o.lease().row().id(), DbTime.toDb(o.decision().at())));
            Collections.addAll(args, now, nodeId);
            rows.forEach(o -> args.add(o.lease().row().id()));
            int updated = jdbc.update(TO_SENT.formatted(whens, whens, SetStatements.placeholders(rows.size())),
                    args.toArray());
            if (updated == rows.size()) {
                held.addAll(rows);
            } else if (together) {
                throw new LeaseLost();
            }
        }
        return held;
    }

    private List<Outcome> batchHeld(String sql, List<Outcome> outcomes, Function<Outcome, Object[]> args) {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        int[] counts = jdbc.batchUpdate(sql, outcomes.stream().map(args).toList());
        List<Outcome> held = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            // A driver may answer SUCCESS_NO_INFO (-2) for a batched statement: count it as applied.
            if (counts[i] != 0) {
                held.add(outcomes.get(i));
            }
        }
        return held;
    }
}
