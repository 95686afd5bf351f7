package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.impl.db.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rows still SENDING past their lease belong to a node that stopped mid-send: they become UNCERTAIN, since they
 * may have reached the provider, and are never resent blindly. Since a node leases only what it is sending, these
 * are at most its sends in flight.
 */
final class LeaseRecovery {

    static final String LEASE_EXPIRED = "lease-expired";
    static final Duration LOOK_EVERY = Duration.ofSeconds(1);

    /** Under the dispatcher's name, where operators look for what the queue did. */
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final MessageRepository messages;
    private final Transactions transactions;
    private final QueueMetrics metrics;
    private final Clock clock;
    private final String nodeId;
    private final AtomicReference<Instant> nextLook = new AtomicReference<>();

    LeaseRecovery(MessageRepository messages, Transactions transactions, QueueMetrics metrics, Clock clock,
                  String nodeId) {
        this.messages = messages;
        this.transactions = transactions;
        this.metrics = metrics;
        this.clock = clock;
        this.nodeId = nodeId;
    }

    /**
     * Marks the expired leases' rows UNCERTAIN, at most once a second by the clock: a lease lasts minutes, and the
     * look costs a statement that every claim would otherwise pay. Any number of nodes may run it at once.
     */
    void recover() {
        Instant now = clock.instant();
        Instant due = nextLook.get();
        if (due != null && now.isBefore(due) || !nextLook.compareAndSet(due, now.plus(LOOK_EVERY))) {
            return;
        }
        // A plain read first, then updates by primary key: a locking range scan over the SENDING rows would
        // contend with the other nodes' claims (gap locks on MariaDB).
        Map<Long, MessageKind> expired = messages.expiredLeases(now);
        if (expired.isEmpty()) {
            return;
        }
        List<Long> recovered = transactions.run(status -> messages.expireLeases(List.copyOf(expired.keySet()),
                LEASE_EXPIRED, now));
        recovered.forEach(id -> metrics.failed(expired.get(id), LEASE_EXPIRED));
        if (!recovered.isEmpty()) {
            log.warn("{}: {} message(s) were still SENDING past their lease (a node stopped mid-send) and are now"
                    + " UNCERTAIN, never resent: ids {}", nodeId, recovered.size(), recovered);
        }
    }
}
