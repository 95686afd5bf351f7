package dev.torpedo.sms.bench;

import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.OutboundSms;
import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.api.spi.SmsGateway;
import dev.torpedo.sms.impl.queue.Dispatcher;
import dev.torpedo.sms.impl.queue.DispatcherLoop;
import dev.torpedo.sms.impl.queue.QueueMetrics;
import dev.torpedo.sms.impl.testing.QueueRig;
import dev.torpedo.sms.impl.testing.TestDatabase;
import org.awaitility.Awaitility;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The queue in steady state: a producer enqueues at a fixed rate for a while as the dispatcher drains, once clean
 * and once while another session holds a REPEATABLE READ snapshot open the whole time (the blocked xmin horizon that
 * keeps every dead row version of the queue table from being vacuumed). Reports what was sent per second, the
 * enqueue-to-send latency (p50, p99) and the queue table's dead tuples and size at the end.
 */
final class SteadyState {

    private static final StoreId STORE = StoreId.of("steady");
    private static final Duration TICK = Duration.ofMillis(10);

    private SteadyState() {
    }

    static void run(TestDatabase.Db db, int perSecond, Duration duration, boolean holdSnapshot,
                    QueueHarness.Dispatchers setup) throws Exception {
        Map<Long, Long> enqueuedAt = new ConcurrentHashMap<>();
        Map<Long, Long> sentAt = new ConcurrentHashMap<>();
        SmsGateway gateway = new SmsGateway() {
            @Override
            public SendResult send(OutboundSms sms) {
                sentAt.putIfAbsent(Long.parseLong(sms.messageId()), System.nanoTime());
                return SendResult.accepted("steady-" + sms.messageId());
            }

            @Override
            public String name() {
                return "steady";
            }
        };
        try (QueueRig rig = new QueueRig(db, QueueRig.TUESDAY_NOON_SAO_PAULO);
             Connection snapshot = db.dataSource().getConnection()) {
            long total = perSecond * duration.toSeconds();
            // A purchase is of at most 100,000 credits: as many as the run needs, in purchases of that size.
            for (long credits = total + perSecond; credits > 0; credits -= 100_000) {
                rig.give(STORE, (int) Math.min(100_000, credits));
            }
            if (holdSnapshot) {
                snapshot.setAutoCommit(false);
                snapshot.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                try (Statement statement = snapshot.createStatement();
                     ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM sms_message")) {
                    rs.next();
                }
            }
            Dispatcher dispatcher = rig.dispatcher(setup.options(0), QueueRig.NO_JITTER, gateway, QueueMetrics.NONE);
            DispatcherLoop loop = new DispatcherLoop(dispatcher, null, Duration.ofMillis(20), rig.clock());
            loop.start();

            long start = System.nanoTime();
            long end = start + duration.toNanos();
            long enqueued = 0;
            // By the wall clock: a tick that took long enqueues what the rate owes by now, in one batch.
            for (long now = start; now < end; now = System.nanoTime()) {
                long due = Math.min(total, (long) ((now - start) / 1e9 * perSecond));
                int owed = (int) Math.min(5_000, due - enqueued);
                if (owed > 0) {
                    long at = System.nanoTime();
                    for (long id : rig.insertDue(STORE, owed)) {
                        enqueuedAt.put(id, at);
                    }
                    enqueued += owed;
                }
                LockSupport.parkNanos(Math.max(0, TICK.toNanos() - (System.nanoTime() - now)));
            }
            long producedFor = System.nanoTime() - start;
            int sentWhileProducing = sentAt.size();
            long produced = enqueued;
            Awaitility.await("the backlog drained").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> sentAt.size() >= produced);
            loop.stop();
            dispatcher.close();

            List<Long> latencies = new ArrayList<>(enqueuedAt.size());
            enqueuedAt.forEach((id, at) -> {
                Long sent = sentAt.get(id);
                if (sent != null) {
                    latencies.add(sent - at);
                }
            });
            latencies.sort(null);
            // The backends report their statistics a moment after their transactions: read until they settle.
            AtomicLong dead = new AtomicLong(-1);
            Awaitility.await("the statistics settled").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                    .until(() -> dead.getAndSet(deadTuples(db)) == dead.get());
            long size = db.jdbc().queryForObject("SELECT pg_total_relation_size('sms_message')", Long.class);
            if (holdSnapshot) {
                snapshot.rollback();
            }
            System.out.printf(Locale.ROOT, "steady hold_snapshot=%s rate=%d seconds=%d enqueued=%d sent=%d"
                            + " sent_per_s_while_producing=%.0f latency_p50_ms=%.1f latency_p99_ms=%.1f dead_tuples=%d"
                            + " table_mb=%.1f%n", holdSnapshot, perSecond, duration.toSeconds(), enqueued,
                    sentAt.size(), sentWhileProducing / (producedFor / 1e9), percentile(latencies, 0.50) / 1e6,
                    percentile(latencies, 0.99) / 1e6, dead.get(), size / 1048576.0);
        }
    }

    private static long deadTuples(TestDatabase.Db db) {
        return db.jdbc().queryForObject("SELECT COALESCE(SUM(n_dead_tup), 0) FROM pg_stat_user_tables"
                + " WHERE relname = 'sms_message'", Long.class);
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * p)));
    }
}
