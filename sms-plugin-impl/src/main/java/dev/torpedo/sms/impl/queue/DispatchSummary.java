package dev.torpedo.sms.impl.queue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One INFO line a minute for a node's dispatcher (sent, failed, waiting for credit, uncertain, retried), instead of
 * one per batch: a busy node sends hundreds of batches a minute, and their lines, at DEBUG, say the same thing.
 */
final class DispatchSummary {

    static final Duration EVERY = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final String nodeId;
    private final Clock clock;
    /** Guarded by {@code this}. */
    private Instant since;
    private long sent;
    private long failed;
    private long waiting;
    private long uncertain;
    private long retried;

    DispatchSummary(String nodeId, Clock clock) {
        this.nodeId = nodeId;
        this.clock = clock;
        this.since = clock.instant();
    }

    /** Adds one batch's outcomes; logs and starts again when a minute has passed since the last line. */
    synchronized void add(Map<MessageStatus, Integer> outcomes, int waitingForCredit) {
        sent += outcomes.getOrDefault(MessageStatus.SENT, 0);
        failed += outcomes.getOrDefault(MessageStatus.FAILED, 0);
        uncertain += outcomes.getOrDefault(MessageStatus.UNCERTAIN, 0);
        retried += outcomes.getOrDefault(MessageStatus.QUEUED, 0);
        waiting += waitingForCredit;
        Instant now = clock.instant();
        if (Duration.between(since, now).compareTo(EVERY) >= 0) {
            log.info("{}: in the last {} s: {} sent, {} failed, {} waiting for credit, {} uncertain, {} to retry",
                    nodeId, Duration.between(since, now).toSeconds(), sent, failed, waiting, uncertain, retried);
            since = now;
            sent = failed = waiting = uncertain = retried = 0;
        }
    }
}
