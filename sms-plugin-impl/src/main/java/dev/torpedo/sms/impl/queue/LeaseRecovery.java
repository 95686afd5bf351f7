package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.impl.db.DbTime;
import dev.torpedo.sms.impl.db.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcOperations;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rows still SENDING past their lease belong to a node that stopped mid-send: they become UNCERTAIN, since they
 * may have reached the provider, and are never resent blindly. Since a node leases only what it is sending, these
 * are at most its sends in flight.
 */
final class LeaseRecovery {

    static final String LEASE_EXPIRED = "lease-expired";

    /** Under the dispatcher's name, where operators look for what the queue did. */
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final JdbcOperations jdbc;
    private final Transactions transactions;
    private final QueueMetrics metrics;
    private final Clock clock;
    private final String nodeId;

    LeaseRecovery(JdbcOperations jdbc, Transactions transactions, QueueMetrics metrics, Clock clock, String nodeId) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.metrics = metrics;
        this.clock = clock;
        this.nodeId = nodeId;
    }

    /** Marks the expired leases' rows UNCERTAIN; any number of nodes may run it at once. */
    void recover() {
        LocalDateTime now = DbTime.toDb(clock.instant());
        // A plain read first, then updates by primary key: a locking range scan over the SENDING rows would
        // contend with the other nodes' claims (gap locks on MariaDB).
        List<Map.Entry<Long, MessageKind>> expired = jdbc.query(
                "SELECT id, kind FROM sms_message WHERE lease_until < ? AND status = 'SENDING'",
                (rs, n) -> Map.entry(rs.getLong("id"), MessageKind.valueOf(rs.getString("kind"))), now);
        if (expired.isEmpty()) {
            return;
        }
        int[] counts = transactions.run(status -> jdbc.batchUpdate("UPDATE sms_message SET status = 'UNCERTAIN',"
                        + " reason = ?, updated_at = ? WHERE id = ? AND status = 'SENDING' AND lease_until < ?",
                expired.stream().map(e -> new Object[]{LEASE_EXPIRED, now, e.getKey(), now}).toList()));
        List<Long> recovered = new ArrayList<>();
        for (int i = 0; i < expired.size(); i++) {
            if (counts[i] != 0) {
                recovered.add(expired.get(i).getKey());
                metrics.failed(expired.get(i).getValue(), LEASE_EXPIRED);
            }
        }
        if (!recovered.isEmpty()) {
            log.warn("{}: {} message(s) were still SENDING past their lease (a node stopped mid-send) and are now"
                    + " UNCERTAIN, never resent: ids {}", nodeId, recovered.size(), recovered);
        }
    }
}
