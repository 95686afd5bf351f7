package dev.torpedo.sms.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.torpedo.sms.api.MessageEncoding;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.OutboundSms;
import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.api.spi.SmsGateway;
import dev.torpedo.sms.impl.gateway.HttpSettings;
import dev.torpedo.sms.impl.gateway.ProviderHttp;
import dev.torpedo.sms.impl.gateway.zenvia.ZenviaSettings;
import dev.torpedo.sms.impl.gateway.zenvia.ZenviaSmsGateway;
import dev.torpedo.sms.impl.queue.Dispatcher;
import dev.torpedo.sms.impl.queue.DispatcherOptions;
import dev.torpedo.sms.impl.queue.MessageStatus;
import dev.torpedo.sms.impl.queue.QueueMetrics;
import dev.torpedo.sms.impl.testing.QueueRig;
import dev.torpedo.sms.impl.testing.TestDatabase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * The backlog drain, three ways, on the same machine, PostgreSQL server, loopback {@link ZenviaStub} and number of
 * sending threads:
 * <ol>
 *   <li>(a) our {@link Dispatcher}s with the real {@link ZenviaSmsGateway}, N due rows;</li>
 *   <li>(b) db-scheduler, lock-and-fetch polling, one one-time task per message making the same call through the same
 *       gateway and client settings;</li>
 *   <li>(c) the limit: the same calls from plain threads, no database.</li>
 * </ol>
 * and, before them, (a) without HTTP ({@link #databaseOnly()}): what the database side alone allows.
 * Each contender gets a fresh {@link ProviderHttp} (same {@link HttpSettings}) so none inherits warm connections.
 */
final class DrainComparison {

    /** Results of one contender. */
    record Result(String contender, int messages, int threads, double seconds, boolean exactlyOnce,
                  CpuMeter.Used cpu) {
        double perSecond() {
            return messages / seconds;
        }

        void print() {
            System.out.printf("drain contender=%s messages=%d threads=%d seconds=%.2f messages_per_s=%.0f exactly_once=%s %s%n",
                    contender, messages, threads, seconds, perSecond(), exactlyOnce, cpu);
        }
    }

    private static final StoreId STORE = StoreId.of("bench");
    private static final HttpSettings HTTP = HttpSettings.defaults();
    private static final String DB_SCHEDULER_TABLE = """
            CREATE TABLE scheduled_tasks (
              task_name TEXT NOT NULL, task_instance TEXT NOT NULL, task_data BYTEA,
              execution_time TIMESTAMP WITH TIME ZONE NOT NULL, picked BOOLEAN NOT NULL, picked_by TEXT,
              last_success TIMESTAMP WITH TIME ZONE, last_failure TIMESTAMP WITH TIME ZONE, consecutive_failures INT,
              last_heartbeat TIMESTAMP WITH TIME ZONE, version BIGINT NOT NULL, priority SMALLINT,
              PRIMARY KEY (task_name, task_instance))""";

    private final int messages;
    private final QueueHarness.Dispatchers setup;
    /** The database of the database-only drain; the three contenders always drain on PostgreSQL. */
    private final TestDatabase drainDatabase;

    DrainComparison(int messages, QueueHarness.Dispatchers setup, TestDatabase drainDatabase) {
        this.messages = messages;
        this.setup = setup;
        this.drainDatabase = drainDatabase;
    }

    int threads() {
        return setup.threads();
    }

    /** A warm-up pass counts as warm when the JIT compiler worked less than this share of its time. */
    private static final double WARM_COMPILE_SHARE = 0.05;
    private static final int WARM_PASSES_MAX = 6;

    /** One untimed pass of a contender over {@code count} messages. */
    @FunctionalInterface
    private interface Pass {
        Result run(int count) throws InterruptedException;
    }

    /**
     * Every contender on half the messages (at most 50,000), untimed, again and again until a pass leaves the JIT
     * compiler nearly idle (under 5 % of the pass; six passes at most): each then runs compiled code, as it would
     * in a service that has been up for a while. One pass is not enough: measured here, the dispatcher's first
     * timed run after one pass still had the compiler at work for two thirds of its time, on a machine of two CPUs.
     */
    void warmUp(ZenviaStub stub) throws InterruptedException {
        int count = warmUpCount();
        warm("limit", n -> limit(stub, n, "warm"), count);
        warm("dispatcher", n -> dispatcher(stub, n), count);
        warm("db-scheduler", n -> dbScheduler(stub, n), count);
        warm("limit", n -> limit(stub, n), count);
        stub.reset();
    }

    /** How many messages a warm-up pass drains: half the timed runs', at most 50,000. */
    private int warmUpCount() {
        return Math.max(1, Math.min(messages / 2, 50_000));
    }

    private static void warm(String contender, Pass pass, int count) throws InterruptedException {
        for (int round = 1; round <= WARM_PASSES_MAX; round++) {
            Result result = pass.run(count);
            long compiledMs = result.cpu().jitMillis();
            System.out.printf(java.util.Locale.ROOT, "warm contender=%s pass=%d seconds=%.2f jit_ms=%d%n",
                    contender, round, result.seconds(), compiledMs);
            if (compiledMs < result.seconds() * 1_000 * WARM_COMPILE_SHARE) {
                return;
            }
        }
    }

    Result dispatcher(ZenviaStub stub) throws InterruptedException {
        return dispatcher(stub, messages);
    }

    Result dbScheduler(ZenviaStub stub) throws InterruptedException {
        return dbScheduler(stub, messages);
    }

    Result limit(ZenviaStub stub) throws InterruptedException {
        return limit(stub, messages);
    }

    // ------------------------------------------------------------------ (a)

    Result dispatcher(ZenviaStub stub, int count) throws InterruptedException {
        stub.reset();
        try (TestDatabase.Db db = TestDatabase.POSTGRESQL.create();
             QueueRig rig = new QueueRig(db, QueueRig.TUESDAY_NOON_SAO_PAULO);
             ProviderHttp http = new ProviderHttp(HTTP)) {
            ZenviaSmsGateway zenvia = new ZenviaSmsGateway(http, settings(stub), rig.clock());
            return drain("dispatcher", rig, count, zenvia, () -> {
                boolean once = stub.exactlyOnce(count);
                if (!once) {
                    System.out.println("drain contender=dispatcher stub_requests=" + stub.requests());
                }
                return once;
            });
        }
    }

    /**
     * (a) without HTTP: the dispatcher against an in-memory gateway, what the database side alone allows; warmed
     * up like every contender first, so that its CPU per message is not the compiler's.
     */
    Result databaseOnly() throws InterruptedException {
        warm(databaseOnlyName(), this::databaseOnly, warmUpCount());
        return databaseOnly(messages);
    }

    private Result databaseOnly(int count) throws InterruptedException {
        try (TestDatabase.Db db = drainDatabase.create();
             QueueRig rig = new QueueRig(db, QueueRig.TUESDAY_NOON_SAO_PAULO)) {
            return drain(databaseOnlyName(), rig, count, rig.gateway(), () -> rig.gateway().callCount() == count);
        }
    }

    /** "dispatcher-no-http" on PostgreSQL, as scripts know it; the database's name added on the others. */
    private String databaseOnlyName() {
        return drainDatabase == TestDatabase.POSTGRESQL ? "dispatcher-no-http"
                : "dispatcher-no-http-" + drainDatabase.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Drains {@code count} due rows of a fresh rig through {@code gateway} with the dispatchers of the set-up;
     * exactly once when every row is SENT and {@code sentOnce} holds.
     */
    private Result drain(String contender, QueueRig rig, int count, SmsGateway gateway, BooleanSupplier sentOnce)
            throws InterruptedException {
        rig.give(STORE, count);
        rig.insertDue(STORE, count);
        List<Thread> threads = new ArrayList<>();
        for (int d = 0; d < setup.count(); d++) {
            Dispatcher dispatcher = rig.dispatcher(setup.options(d), QueueRig.NO_JITTER, gateway, QueueMetrics.NONE);
            threads.add(new Thread(dispatcher::drain, "bench-dispatcher-" + d));
        }
        Timed timed = timed(count, () -> runAll(threads));
        Map<MessageStatus, Long> statuses = rig.countByStatus();
        boolean once = sentOnce.getAsBoolean() && statuses.getOrDefault(MessageStatus.SENT, 0L) == count;
        if (!once) {
            System.out.println("drain contender=" + contender + " statuses=" + statuses);
        }
        return new Result(contender, count, threads(), timed.seconds(), once, timed.cpu());
    }

    // ------------------------------------------------------------------ (b)

    Result dbScheduler(ZenviaStub stub, int count) throws InterruptedException {
        stub.reset();
        try (TestDatabase.Db db = TestDatabase.POSTGRESQL.create();
             ProviderHttp http = new ProviderHttp(HTTP)) {
            db.jdbc().execute(DB_SCHEDULER_TABLE);
            db.jdbc().execute("CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time)");
            db.jdbc().execute("CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat)");
            ZenviaSmsGateway zenvia = new ZenviaSmsGateway(http, settings(stub), Clock.systemUTC());
            AtomicInteger executed = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            // Released by the last execution, or by the first refusal (which ends the run as not exactly once).
            CountDownLatch allExecuted = new CountDownLatch(count);
            OneTimeTask<Void> send = Tasks.oneTime("send-sms").execute((instance, context) -> {
                // The task carries only its message number; the text is rebuilt exactly as (c) builds it.
                SendResult result = zenvia.send(sms("b", Integer.parseInt(instance.getId())));
                if (!(result instanceof SendResult.Accepted)) {
                    refused.incrementAndGet();
                    while (allExecuted.getCount() > 0) {
                        allExecuted.countDown();
                    }
                    throw new IllegalStateException("not accepted: " + result);
                }
                executed.incrementAndGet();
                allExecuted.countDown();
            });
            Scheduler scheduler = Scheduler.create(db.dataSource(), List.of(send))
                    .threads(threads())
                    .pollUsingLockAndFetch(0.5, 3.0)
                    // Lock-and-fetch fetches again as soon as the executions in hand run low; the interval only
                    // matters when the table is empty, so a short one does not favour or penalise it.
                    .pollingInterval(Duration.ofMillis(100))
                    .heartbeatInterval(Duration.ofSeconds(5))
                    .shutdownMaxWait(Duration.ofSeconds(5))
                    .build();
            // Scheduled before the timer starts, in batches (SchedulerClient.scheduleBatch), all due already.
            Instant due = Instant.now().minusSeconds(1);
            for (int from = 0; from < count; from += 1_000) {
                List<TaskInstance<?>> batch = IntStream.range(from, Math.min(count, from + 1_000))
                        .<TaskInstance<?>>mapToObj(i -> send.instance(String.valueOf(i))).toList();
                scheduler.scheduleBatch(batch, due);
            }
            Timed timed = timed(count, () -> {
                scheduler.start();
                // Done when every execution is completed, i.e. its row deleted: the same point as our rows being
                // SENT. The latch covers the work; the last few deletions follow within milliseconds.
                allExecuted.await();
                while (db.count("scheduled_tasks", "") > 0 && refused.get() == 0) {
                    Thread.onSpinWait();
                }
            });
            scheduler.stop();
            boolean once = stub.exactlyOnce(count) && executed.get() == count && refused.get() == 0;
            if (!once) {
                System.out.println("drain contender=db-scheduler executed=" + executed + " refused=" + refused
                        + " stub_requests=" + stub.requests());
            }
            return new Result("db-scheduler", count, threads(), timed.seconds(), once, timed.cpu());
        }
    }

    // ------------------------------------------------------------------ (c)

    Result limit(ZenviaStub stub, int count) throws InterruptedException {
        stub.reset();
        return limit(stub, count, "limit");
    }

    private Result limit(ZenviaStub stub, int count, String name) throws InterruptedException {
        try (ProviderHttp http = new ProviderHttp(HTTP)) {
            ZenviaSmsGateway zenvia = new ZenviaSmsGateway(http, settings(stub), Clock.systemUTC());
            AtomicInteger next = new AtomicInteger();
            AtomicInteger accepted = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < threads(); t++) {
                threads.add(new Thread(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        if (zenvia.send(sms(name, i)) instanceof SendResult.Accepted) {
                            accepted.incrementAndGet();
                        }
                    }
                }, "bench-" + name + "-" + t));
            }
            Timed timed = timed(count, () -> runAll(threads));
            return new Result(name, count, threads(), timed.seconds(),
                    stub.exactlyOnce(count) && accepted.get() == count, timed.cpu());
        }
    }

    // ------------------------------------------------------------------ plumbing

    /** How long a contender's timed part took, and the CPU it used a message. */
    private record Timed(double seconds, CpuMeter.Used cpu) {
    }

    /** The timed part of a contender. */
    @FunctionalInterface
    private interface Work {
        void run() throws InterruptedException;
    }

    /** Runs {@code work} once the compiler is quiet (what every timed contender waits for), and times it. */
    private static Timed timed(int count, Work work) throws InterruptedException {
        CpuMeter cpu = CpuMeter.startWhenCompilerQuiet();
        long start = System.nanoTime();
        work.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Timed(seconds, cpu.perMessage(count));
    }

    private static void runAll(List<Thread> threads) throws InterruptedException {
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static ZenviaSettings settings(ZenviaStub stub) {
        return new ZenviaSettings(stub.baseUrl(), "bench-token", "bench");
    }

    /** The same one-segment message the rig puts in the queue, to the same distinct numbers. */
    private static OutboundSms sms(String prefix, int i) {
        return new OutboundSms(prefix + i, STORE, QueueRig.number(i), QueueRig.BODY, MessageEncoding.GSM_7, 1);
    }
}
