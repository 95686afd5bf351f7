package dev.torpedo.sms.bench;

import dev.torpedo.sms.api.MessageEncoding;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.OutboundSms;
import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.impl.gateway.HttpSettings;
import dev.torpedo.sms.impl.gateway.ProviderHttp;
import dev.torpedo.sms.impl.gateway.zenvia.ZenviaSettings;
import dev.torpedo.sms.impl.gateway.zenvia.ZenviaSmsGateway;
import dev.torpedo.sms.impl.testing.QueueRig;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An experiment, not part of the build (docs/PERFORMANCE.md, "2026-12-08"): what the dispatcher's way of handing a
 * message between threads costs without any database. The HTTP limit (c) against the same sends passed as the
 * dispatcher passes them: a lane takes as many slots as senders are free and hands each send to a pool of 32
 * threads (a {@code LinkedBlockingQueue}, as {@code Senders}); each send hands its result to a recording thread,
 * which frees the slots of a group at once (as {@code Recording}). Alternated, after three untimed passes each.
 *
 * <pre>
 * ./mvnw -B -q -pl sms-plugin-bench -am package -DskipTests dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/cp.txt -Pbench
 * CP=sms-plugin-bench/target/classes:sms-plugin-impl/target/test-classes:$(cat /tmp/cp.txt)
 * javac -d /tmp/handoff -cp "$CP" docs/experiments/HandOff.java
 * java -cp "/tmp/handoff:$CP" dev.torpedo.sms.bench.HandOff 30000 5 8    # messages, rounds, stub threads
 * </pre>
 */
public class HandOff {
    static final int THREADS = 32;

    static OutboundSms sms(String p, int i) {
        return new OutboundSms(p + i, StoreId.of("bench"), QueueRig.number(i), QueueRig.BODY, MessageEncoding.GSM_7, 1);
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        try (ZenviaStub stub = ZenviaStub.start(Integer.parseInt(args[2]));
             ProviderHttp http = new ProviderHttp(HttpSettings.defaults())) {
            ZenviaSmsGateway zenvia = new ZenviaSmsGateway(http, new ZenviaSettings(stub.baseUrl(), "t", "b"),
                    Clock.systemUTC());
            for (int w = 0; w < 3; w++) { limit(zenvia, n / 2, "w" + w); handOff(zenvia, n / 2, "v" + w); }
            for (int r = 0; r < rounds; r++) {
                report("limit", n, () -> limit(zenvia, n, "l" + System.nanoTime()));
                report("handoff", n, () -> handOff(zenvia, n, "h" + System.nanoTime()));
            }
        }
    }

    interface Work { void run() throws Exception; }

    static void report(String name, int n, Work w) throws Exception {
        CpuMeter cpu = CpuMeter.startWhenCompilerQuiet();
        long t0 = System.nanoTime();
        w.run();
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%s messages_per_s=%.0f %s%n", name, n / s, cpu.perMessage(n));
    }

    static void limit(ZenviaSmsGateway z, int n, String p) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            ts.add(new Thread(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    if (!(z.send(sms(p, i)) instanceof SendResult.Accepted)) throw new IllegalStateException();
                }
            }));
        }
        ts.forEach(Thread::start);
        for (Thread t : ts) t.join();
    }

    /** A lane takes free slots and hands each send to a pool; a recording thread frees the slot: (a) without SQL. */
    static void handOff(ZenviaSmsGateway z, int n, String p) throws Exception {
        ThreadPoolExecutor senders = new ThreadPoolExecutor(THREADS, THREADS, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>());
        Semaphore slots = new Semaphore(THREADS);
        BlockingQueue<SendResult> returned = new LinkedBlockingQueue<>();
        CountDownLatch done = new CountDownLatch(n);
        Thread recording = new Thread(() -> {
            List<SendResult> group = new ArrayList<>();
            try {
                while (done.getCount() > 0) {
                    SendResult first = returned.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) continue;
                    group.add(first);
                    returned.drainTo(group);
                    slots.release(group.size());
                    for (int i = 0; i < group.size(); i++) done.countDown();
                    group.clear();
                }
            } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        });
        recording.start();
        int i = 0;
        while (i < n) {
            slots.acquire();
            int free = 1 + slots.drainPermits();
            int take = Math.min(free, n - i);
            if (take < free) slots.release(free - take);
            for (int k = 0; k < take; k++) {
                int id = i++;
                senders.execute(() -> returned.add(z.send(sms(p, id))));
            }
        }
        done.await();
        recording.join();
        senders.shutdown();
    }
}
