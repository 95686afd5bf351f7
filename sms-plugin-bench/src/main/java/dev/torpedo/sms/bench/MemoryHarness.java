package dev.torpedo.sms.bench;

import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.OutboundSms;
import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.api.spi.SmsGateway;
import dev.torpedo.sms.impl.queue.Dispatcher;
import dev.torpedo.sms.impl.queue.DispatcherOptions;
import dev.torpedo.sms.impl.queue.MessageStatus;
import dev.torpedo.sms.impl.queue.QueueMetrics;
import dev.torpedo.sms.impl.testing.QueueRig;
import dev.torpedo.sms.impl.testing.TestDatabase;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drains 1,000,000 due messages on PostgreSQL with one dispatcher at its default options, in a JVM started with
 * {@code -Xmx256m -XX:+ExitOnOutOfMemoryError} (see the bench profile), and reports the peak heap: the queue
 * lives in the database, so a backlog of any size costs the node a batch or two. With {@code --quick}, 100,000.
 *
 * <p>The gateway answers at once and keeps one bit per message (to check that each went out once), so the heap
 * measured is the dispatcher's.
 */
public final class MemoryHarness {

    private static final StoreId STORE = StoreId.of("bench-memory");
    private static final int INSERT_CHUNK = 20_000;
    private static final int MAX_PURCHASE = 100_000;

    private MemoryHarness() {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = Arrays.asList(args);
        if (options.contains("--crash")) {
            return;     // a crash run measures nothing else
        }
        int messages = options.contains("--quick") ? 100_000 : 1_000_000;
        try (TestDatabase.Db db = TestDatabase.POSTGRESQL.create();
             QueueRig rig = new QueueRig(db, QueueRig.TUESDAY_NOON_SAO_PAULO)) {
            for (int given = 0; given < messages; given += MAX_PURCHASE) {
                rig.give(STORE, Math.min(MAX_PURCHASE, messages - given));     // purchases are capped
            }
            long firstId = Long.MAX_VALUE;
            for (int done = 0; done < messages; done += INSERT_CHUNK) {
                firstId = Math.min(firstId, rig.insertDue(STORE, Math.min(INSERT_CHUNK, messages - done)).get(0));
            }
            OnceGateway gateway = new OnceGateway(firstId, messages);
            Dispatcher dispatcher = rig.dispatcher(DispatcherOptions.defaults("bench-memory"), QueueRig.NO_JITTER,
                    gateway, QueueMetrics.NONE);

            System.gc();
            HeapWatch heap = HeapWatch.start();
            long start = System.nanoTime();
            int claimed = dispatcher.drain();
            double seconds = (System.nanoTime() - start) / 1e9;
            heap.stop();

            Map<MessageStatus, Long> statuses = rig.countByStatus();
            boolean exactlyOnce = claimed == messages && gateway.exactlyOnce()
                    && statuses.getOrDefault(MessageStatus.SENT, 0L) == messages;
            System.out.printf(Locale.ROOT, "memory messages=%d max_heap_mb=%d peak_heap_used_mb=%.1f"
                            + " sampled_peak_heap_used_mb=%.1f seconds=%.1f messages_per_s=%.0f exactly_once=%s%n",
                    messages, Runtime.getRuntime().maxMemory() >> 20, heap.poolPeaksMb(), heap.sampledPeakMb(),
                    seconds, messages / seconds, exactlyOnce);
            if (!exactlyOnce) {
                System.out.println("memory statuses=" + statuses + " " + gateway);
                System.exit(1);
            }
        }
    }

    /** Accepts every message and remembers, in one bit each, which it saw; counts repeats. */
    private static final class OnceGateway implements SmsGateway {
        private final long firstId;
        private final int count;
        private final BitSet seen;
        private final AtomicLong calls = new AtomicLong();
        private long repeats;

        OnceGateway(long firstId, int count) {
            this.firstId = firstId;
            this.count = count;
            this.seen = new BitSet(count);
        }

        @Override
        public String name() {
            return "memory";
        }

        @Override
        public SendResult send(OutboundSms sms) {
            int index = Math.toIntExact(Long.parseLong(sms.messageId()) - firstId);
            synchronized (seen) {
                if (seen.get(index)) {
                    repeats++;
                }
                seen.set(index);
            }
            return SendResult.accepted("m-" + calls.incrementAndGet());
        }

        boolean exactlyOnce() {
            synchronized (seen) {
                return repeats == 0 && seen.cardinality() == count && calls.get() == count;
            }
        }

        @Override
        public String toString() {
            synchronized (seen) {
                return "gateway calls=" + calls + " distinct=" + seen.cardinality() + " repeats=" + repeats;
            }
        }
    }

    /**
     * The heap used during a phase, two ways: the sum of each heap pool's own peak (an upper bound: the pools
     * need not peak together) and the largest total seen by sampling every 10 ms.
     */
    private static final class HeapWatch {
        private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "heap-sampler");
            thread.setDaemon(true);
            return thread;
        });
        private final AtomicLong sampledPeak = new AtomicLong();

        static HeapWatch start() {
            HeapWatch watch = new HeapWatch();
            watch.pools.forEach(MemoryPoolMXBean::resetPeakUsage);
            watch.sampler.scheduleAtFixedRate(() -> watch.sampledPeak.accumulateAndGet(
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max),
                    0, 10, TimeUnit.MILLISECONDS);
            return watch;
        }

        void stop() throws InterruptedException {
            sampler.shutdown();
            sampler.awaitTermination(1, TimeUnit.SECONDS);
        }

        double poolPeaksMb() {
            return pools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / 1048576.0;
        }

        double sampledPeakMb() {
            return sampledPeak.get() / 1048576.0;
        }
    }
}
