package dev.torpedo.sms.bench;

import dev.torpedo.sms.api.HookResult;
import dev.torpedo.sms.api.OrderCreated;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.impl.hook.TorpedoSmsHook;
import dev.torpedo.sms.impl.queue.MessageStatus;
import dev.torpedo.sms.impl.testing.QueueRig;
import dev.torpedo.sms.impl.testing.TestDatabase;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * Kills dispatcher JVMs mid-drain and checks what the queue promises: {@code nodes} {@link CrashNode}s drain
 * {@code messages} through a loopback stub provider that answers after {@code stubDelay}; each time another share
 * of the messages has gone out one is killed with SIGKILL and a new one started. At the end every message must be SENT or UNCERTAIN, none may have
 * reached the stub twice, UNCERTAIN may only be what was on the wire at the kills (at most the killed nodes'
 * concurrency), and every store's balance must be its grants less the credits its rows were charged, from the
 * ledger.
 *
 * <p>With {@code --crash-restart-db} the database server is stopped once a quarter of the messages went out, and
 * started again once a host order has failed against it (no kills unless asked): the nodes must recover by themselves, and a host order placed while the
 * database is down must fail in the host's own transaction, then go through once when the order is placed again.
 *
 * <p>Run: {@code -Dbench.args="--crash --crash-db=postgresql"} (or {@code mariadb}); {@code --crash-messages=N}
 * (20,000), {@code --crash-nodes=J} (3), {@code --crash-kills=K} (6), {@code --crash-concurrency=C} (8),
 * {@code --crash-lease-ms=L} (5,000), {@code --crash-stub-delay-ms=D} (50).
 */
final class CrashRun {

    private static final int STORES = 4;
    private static final StoreId HOST_STORE = StoreId.of("crash-host");
    /** The hook of the run's database, made once it exists. */
    private static final java.util.concurrent.atomic.AtomicReference<TorpedoSmsHook> HOOK =
            new java.util.concurrent.atomic.AtomicReference<>();
    private static final int SPARE_CREDITS = 50;

    private CrashRun() {
    }

    record Settings(TestDatabase database, int messages, int nodes, int kills, int concurrency, Duration lease,
                    Duration stubDelay, boolean restartDatabase) {
    }

    static void run(Settings settings) throws Exception {
        Instant noon = QueueRig.TUESDAY_NOON_SAO_PAULO;
        try (TestDatabase.Db db = settings.database().create();
             ZenviaStub stub = ZenviaStub.start(4 * settings.nodes() * settings.concurrency(), settings.stubDelay());
             QueueRig rig = new QueueRig(db, noon)) {
            int perStore = settings.messages() / STORES;
            List<StoreId> stores = new ArrayList<>();
            for (int s = 0; s < STORES; s++) {
                StoreId store = StoreId.of("crash-" + s);
                stores.add(store);
                rig.give(store, perStore + SPARE_CREDITS);
                rig.insertDue(store, perStore, noon);
            }
            db.jdbc().execute("CREATE TABLE bench_host_order (id VARCHAR(64) PRIMARY KEY)");
            HOOK.set(QueueHarness.hook(db, HOST_STORE, rig.clock()));
            rig.give(HOST_STORE, 10);
            // Every node's clock reads the run's noon, so the window stays open whatever the hour here.
            long offset = Duration.between(Instant.now(), noon).toMillis();
            Path logs = Files.createTempDirectory("torpedo-crash");
            List<Process> nodes = new ArrayList<>();
            int started = 0;
            for (; started < settings.nodes(); started++) {
                nodes.add(start(settings, db, stub, "node-" + started, offset, logs));
            }
            Random random = new Random(42);
            long begin = System.nanoTime();
            List<Long> killedAtMs = new ArrayList<>();
            // Each kill comes once a further share of the messages has gone out: mid-drain, whatever the speed.
            int share = settings.messages() / (settings.kills() + 2);
            for (int k = 0; k < settings.kills(); k++) {
                awaitSent(db, (k + 1) * share);
                Process victim = nodes.remove(random.nextInt(nodes.size()));
                victim.destroyForcibly();
                victim.waitFor();
                killedAtMs.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
                nodes.add(start(settings, db, stub, "node-" + started++, offset, logs));
            }
            String whileDown = null;
            String afterRestart = null;
            if (settings.restartDatabase()) {
                awaitSent(db, settings.messages() / 4);
                DatabaseServer.stop(settings.database());
                // The order waits for its connection as long as the host's pool lets it (30 s), then fails.
                whileDown = hostOrder(db, "down-1");
                DatabaseServer.start(settings.database());
                db.dataSource().getHikariPoolMXBean().softEvictConnections();
                afterRestart = hostOrder(db, "down-1");
                System.out.printf("%nDatabase restarted at %,d ms; a host order while it was down: %s; the same order"
                                + " after: %s%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin), whileDown,
                        afterRestart);
            }
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> db.count("sms_message", "status IN ('QUEUED', 'SENDING')") == 0);
            long drainedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
            for (Process node : nodes) {
                node.destroy();
            }
            for (Process node : nodes) {
                node.waitFor(20, TimeUnit.SECONDS);
            }
            report(settings, db, rig, stub, stores, perStore, killedAtMs, drainedMs, logs);
            if (settings.restartDatabase()) {
                boolean clean = whileDown.startsWith("rolled back") && afterRestart.equals("committed, QUEUED")
                        && db.count("bench_host_order", "") == 1
                        && db.count("sms_message", "idempotency_key = 'order:down-1:created'") == 1;
                System.out.printf("  the host's order: %s%n", clean ? "rolled back while the database was down, taken"
                        + " once after, without anyone acting" : "NOT CLEAN");
                if (!clean) {
                    throw new IllegalStateException("The host's order was not handled cleanly across the restart");
                }
            }
        }
    }

    private static void awaitSent(TestDatabase.Db db, int sent) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> db.count("sms_message", "status = 'SENT'") >= sent);
    }

    /**
     * The host's order transaction: its own row, then the hook, as a shop's checkout does. While the database is
     * down it fails, and the host sees it, as it would for its own tables.
     */
    private static String hostOrder(TestDatabase.Db db, String orderId) {
        try {
            HookResult result = db.tx().execute(status -> {
                db.jdbc().update("INSERT INTO bench_host_order (id) VALUES (?)", orderId);
                return HOOK.get().orderCreated(new OrderCreated(HOST_STORE, orderId, null, "Ana", "(11) 91234-5678",
                        null, null));
            });
            return "committed, " + result.outcome();
        } catch (RuntimeException e) {
            return "rolled back (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static Process start(Settings settings, TestDatabase.Db db, ZenviaStub stub, String node, long offset,
                                 Path logs) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile", ""),
                "-cp", classpath(), CrashNode.class.getName(), db.dataSource().getJdbcUrl(),
                db.dataSource().getUsername(), stub.baseUrl(), node, String.valueOf(settings.concurrency()),
                String.valueOf(settings.lease().toMillis()), String.valueOf(offset));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(node + ".log").toFile()).start();
    }

    /** This run's class path: exec:java loads the project through a class loader of its own. */
    private static String classpath() {
        Set<String> entries = new java.util.LinkedHashSet<>();
        for (ClassLoader loader = CrashRun.class.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    entries.add(new File(url.getPath()).getPath());
                }
            }
        }
        entries.addAll(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        return String.join(File.pathSeparator, entries);
    }

    private static void report(Settings settings, TestDatabase.Db db, QueueRig rig, ZenviaStub stub,
                               List<StoreId> stores, int perStore, List<Long> killedAtMs, long drainedMs, Path logs) {
        Map<MessageStatus, Long> statuses = rig.countByStatus();
        Map<String, Integer> reached = stub.counts();
        long twice = reached.values().stream().filter(n -> n > 1).count();
        List<Long> uncertain = db.jdbc().queryForList("SELECT id FROM sms_message WHERE status = 'UNCERTAIN'", Long.class);
        long uncertainNeverLeft = uncertain.stream().filter(id -> !reached.containsKey(String.valueOf(id))).count();
        List<Long> sent = db.jdbc().queryForList("SELECT id FROM sms_message WHERE status IN ('SENT', 'DELIVERED')",
                Long.class);
        long sentNeverLeft = sent.stream().filter(id -> !reached.containsKey(String.valueOf(id))).count();
        Set<String> known = new HashSet<>();
        db.jdbc().queryForList("SELECT id FROM sms_message", Long.class).forEach(id -> known.add(String.valueOf(id)));
        long strangers = reached.keySet().stream().filter(id -> !known.contains(id)).count();
        long lost = statuses.entrySet().stream()
                .filter(e -> e.getKey() != MessageStatus.SENT && e.getKey() != MessageStatus.DELIVERED
                        && e.getKey() != MessageStatus.UNCERTAIN)
                .mapToLong(Map.Entry::getValue).sum();
        boolean ledgerExact = true;
        StringBuilder ledger = new StringBuilder();
        for (StoreId store : stores) {
            long charged = db.jdbc().queryForObject("SELECT COALESCE(SUM(credits_debited), 0) FROM sms_message"
                    + " WHERE store_id = ?", Long.class, store.value());
            long balance = rig.ledger().balance(store);
            long expected = perStore + SPARE_CREDITS - charged;
            boolean exact = balance == expected && balance == rig.ledgerSum(store)
                    && rig.debitedMessages(store) == charged;
            ledgerExact &= exact;
            ledger.append(String.format("  %s: balance %d = granted %d - charged %d: %s%n", store, balance,
                    perStore + SPARE_CREDITS, charged, exact ? "exact" : "WRONG"));
        }
        System.out.printf("%nCrash run on %s: %,d messages, %d dispatcher JVMs (concurrency %d, lease %d ms), stub %d ms"
                        + " a request, %d SIGKILLs at %s ms; drained at %,d ms%n", db.kind(), settings.messages(),
                settings.nodes(), settings.concurrency(), settings.lease().toMillis(), settings.stubDelay().toMillis(),
                killedAtMs.size(), killedAtMs, drainedMs);
        System.out.printf("  statuses: %s%n", statuses);
        Map<String, Object> span = db.jdbc().queryForMap("SELECT MIN(sent_at) AS first_sent, MAX(sent_at) AS last_sent"
                + " FROM sms_message WHERE status = 'SENT'");
        if (span.get("first_sent") != null) {
            double seconds = Duration.between(((java.sql.Timestamp) span.get("first_sent")).toInstant(),
                    ((java.sql.Timestamp) span.get("last_sent")).toInstant()).toMillis() / 1000.0;
            System.out.printf("  throughput: %,.0f messages/s from the first send to the last (%.1f s)%n",
                    statuses.getOrDefault(MessageStatus.SENT, 0L) / Math.max(seconds, 0.001), seconds);
        }
        System.out.printf("  reached the stub twice: %d; SENT but never reached it: %d; reached it unknown: %d%n",
                twice, sentNeverLeft, strangers);
        System.out.printf("  lost (neither SENT nor UNCERTAIN): %d%n", lost);
        // What can be on the wire when it happens: a killed node's sends, or every node's when the database goes.
        int onTheWire = (killedAtMs.size() + (settings.restartDatabase() ? settings.nodes() : 0)) * settings.concurrency();
        System.out.printf("  UNCERTAIN: %d (bound: %d kills%s x %d concurrency = %d), of which never reached the stub: %d%n",
                uncertain.size(), killedAtMs.size(), settings.restartDatabase() ? " + " + settings.nodes()
                        + " nodes at the restart" : "", settings.concurrency(), onTheWire, uncertainNeverLeft);
        System.out.print(ledger);
        System.out.printf("  ledger exact: %s; node logs in %s%n", ledgerExact, logs);
        boolean held = twice == 0 && sentNeverLeft == 0 && strangers == 0 && lost == 0 && ledgerExact
                && uncertain.size() <= onTheWire;
        System.out.printf("  => %s%n", held ? "every promise held" : "A PROMISE WAS BROKEN");
        if (!held) {
            throw new IllegalStateException("The crash run broke a promise: see above");
        }
    }

    static Settings settings(List<String> options) {
        String db = Stream.of(options.stream().filter(o -> o.startsWith("--crash-db=")).findFirst()
                .orElse("--crash-db=postgresql")).map(o -> o.substring("--crash-db=".length())).collect(Collectors.joining());
        return new Settings(TestDatabase.valueOf(db.toUpperCase(java.util.Locale.ROOT)),
                QueueHarness.intOption(options, "--crash-messages", 20_000),
                QueueHarness.intOption(options, "--crash-nodes", 3),
                QueueHarness.intOption(options, "--crash-kills", options.contains("--crash-restart-db") ? 0 : 6),
                QueueHarness.intOption(options, "--crash-concurrency", 8),
                Duration.ofMillis(QueueHarness.intOption(options, "--crash-lease-ms", 5_000)),
                Duration.ofMillis(QueueHarness.intOption(options, "--crash-stub-delay-ms", 50)),
                options.contains("--crash-restart-db"));
    }
}
