package dev.torpedo.sms.bench;

import dev.torpedo.sms.api.Contact;
import dev.torpedo.sms.api.OrderCreated;
import dev.torpedo.sms.api.Sender;
import dev.torpedo.sms.api.SmsMode;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.extension.SmsExtensionManager;
import dev.torpedo.sms.api.spi.StoreProfile;
import dev.torpedo.sms.impl.calendar.BrazilianCalendar;
import dev.torpedo.sms.impl.compose.DefaultStatusTemplateMapping;
import dev.torpedo.sms.impl.compose.MessageComposer;
import dev.torpedo.sms.impl.hook.TorpedoSmsHook;
import dev.torpedo.sms.impl.optout.SuppressionList;
import dev.torpedo.sms.impl.phone.PhoneNumberParser;
import dev.torpedo.sms.impl.queue.DispatcherOptions;
import dev.torpedo.sms.impl.queue.MessageRepository;
import dev.torpedo.sms.impl.queue.QueueMetrics;
import dev.torpedo.sms.impl.restock.RestockEvents;
import dev.torpedo.sms.impl.store.StoreSettings;
import dev.torpedo.sms.impl.store.StoreSettingsRepository;
import dev.torpedo.sms.impl.template.MessageRenderer;
import dev.torpedo.sms.impl.template.RenderingOptions;
import dev.torpedo.sms.impl.template.TemplateCatalog;
import dev.torpedo.sms.impl.testing.MutableClock;
import dev.torpedo.sms.impl.testing.QueueRig;
import dev.torpedo.sms.impl.testing.TestDatabase;
import dev.torpedo.sms.impl.window.SendWindow;
import dev.torpedo.sms.impl.window.SendWindowOptions;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every queue measurement in one run (see docs/PERFORMANCE.md):
 * <ul>
 *   <li>hook overhead: render + insert of an order's message inside an open host transaction (begin and commit
 *       are the host's and are not counted), p50 and p99, on H2, PostgreSQL and MariaDB;</li>
 *   <li>the dispatchers' drain on PostgreSQL to an in-memory recording gateway (no HTTP): the database's share;</li>
 *   <li>the drain comparison ({@link DrainComparison}): (a) our dispatchers, (b) db-scheduler, (c) the HTTP limit,
 *       all against a loopback Zenvia stub. The last two lines are {@code ratio_vs_dbscheduler=a/b} and
 *       {@code ratio_vs_limit=a/c}.</li>
 * </ul>
 * Run: {@code mvn -B -q -pl sms-plugin-bench -am verify -DskipTests -Pbench} ({@code -Dbench.args=--quick} for a
 * shorter run). {@code --steady} runs only the steady-state case ({@link SteadyState}; {@code --steady-rate=R}
 * messages a second, 1,000, for {@code --steady-seconds=S}, 180); {@code --crash} only the crash run
 * ({@link CrashRun}). Options: {@code --quick}, {@code --messages=N}, {@code --dispatchers=D} (1), {@code --concurrency=C} (32)
 * (threads = D x C for every contender), {@code --batches-in-flight=B}, {@code --batch-size=S} (per dispatcher; the defaults are
 * {@link DispatcherOptions#defaults}'), {@code --rounds=R} (the three contenders R times, interleaved; the ratios
 * printed last are the medians), {@code --skip-hook}, {@code --skip-fanout},
 * {@code --drain-db=postgresql|mariadb|h2} (the database-only drain's database; the contenders always drain on
 * PostgreSQL). Needs the local PostgreSQL and MariaDB of DESIGN.md; every database and server it makes is dropped
 * or stopped before it ends.
 */
public final class QueueHarness {

    private static final StoreId STORE = StoreId.of("bench");

    private QueueHarness() {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = Arrays.asList(args);
        if (options.contains("--crash")) {
            CrashRun.run(CrashRun.settings(options));
            return;
        }
        boolean quick = options.contains("--quick");
        int hookCalls = quick ? 5_000 : 20_000;
        int messages = intOption(options, "--messages", quick ? 20_000 : 100_000);
        // One node sending 32 at a time, as one service instance would; every contender gets the same 32 threads.
        int dispatchers = intOption(options, "--dispatchers", 1);
        DispatcherOptions defaults = DispatcherOptions.defaults("bench");
        Dispatchers setup = new Dispatchers(dispatchers, intOption(options, "--concurrency", 32),
                intOption(options, "--batches-in-flight", defaults.batchesInFlight()),
                intOption(options, "--batch-size", defaults.batchSize()));
        System.out.printf("bench quick=%s messages=%d dispatchers=%d concurrency=%d batches_in_flight=%d batch_size=%d"
                        + " cpus=%d%n", quick, messages, dispatchers, setup.concurrency(), setup.batchesInFlight(),
                setup.batchSize(), Runtime.getRuntime().availableProcessors());

        if (options.contains("--steady")) {
            // The steady-state case alone: clean, then with a snapshot held open, each on a fresh database.
            int rate = intOption(options, "--steady-rate", 1_000);
            Duration duration = Duration.ofSeconds(intOption(options, "--steady-seconds", 180));
            for (boolean hold : List.of(false, true)) {
                try (TestDatabase.Db db = TestDatabase.POSTGRESQL.create()) {
                    SteadyState.run(db, rate, duration, hold, setup);
                }
            }
            return;
        }
        if (!options.contains("--skip-hook")) {
            for (TestDatabase database : List.of(TestDatabase.H2, TestDatabase.POSTGRESQL, TestDatabase.MARIADB)) {
                try (TestDatabase.Db db = database.create()) {
                    hookOverhead(db, hookCalls);
                }
            }
        }
        if (!options.contains("--skip-fanout")) {
            try (TestDatabase.Db db = TestDatabase.POSTGRESQL.create()) {
                FanOutHarness.run(db, quick ? 10_000 : 50_000);
            }
        }
        TestDatabase drainDatabase = TestDatabase.valueOf(
                stringOption(options, "--drain-db", "postgresql").toUpperCase(Locale.ROOT));
        DrainComparison comparison = new DrainComparison(messages, setup, drainDatabase);
        comparison.databaseOnly().print();
        if (options.contains("--drain-only")) {
            return;
        }

        int rounds = intOption(options, "--rounds", 1);
        List<Double> versusDbScheduler = new ArrayList<>();
        List<Double> versusLimit = new ArrayList<>();
        boolean allOnce = true;
        try (ZenviaStub stub = ZenviaStub.start(8)) {
            comparison.warmUp(stub);
            // Rounds interleave the contenders (a b c a b c ...), so that a slow minute of a shared machine does
            // not fall on one contender only; each round gives its own ratios, and the median of them is reported.
            for (int round = 1; round <= rounds; round++) {
                DrainComparison.Result a = comparison.dispatcher(stub);
                a.print();
                DrainComparison.Result b = comparison.dbScheduler(stub);
                b.print();
                DrainComparison.Result c = comparison.limit(stub);
                c.print();
                allOnce &= a.exactlyOnce() && b.exactlyOnce() && c.exactlyOnce();
                versusDbScheduler.add(a.perSecond() / b.perSecond());
                versusLimit.add(a.perSecond() / c.perSecond());
                if (rounds > 1) {
                    System.out.printf(Locale.ROOT, "round=%d ratio_vs_dbscheduler=%.3f ratio_vs_limit=%.3f%n", round,
                            versusDbScheduler.get(round - 1), versusLimit.get(round - 1));
                }
            }
        }
        System.out.println("exactly_once_all=" + allOnce);
        // These two lines stay last: scripts read them (the median over the rounds).
        System.out.printf(Locale.ROOT, "ratio_vs_dbscheduler=%.3f%n", median(versusDbScheduler));
        System.out.printf(Locale.ROOT, "ratio_vs_limit=%.3f%n", median(versusLimit));
        System.out.flush();
        if (!allOnce) {
            System.exit(1);
        }
    }

    /** The middle value; for an even count, the mean of the two middle ones. */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    static int intOption(List<String> options, String name, int otherwise) {
        return Integer.parseInt(stringOption(options, name, String.valueOf(otherwise)));
    }

    static String stringOption(List<String> options, String name, String otherwise) {
        return options.stream().filter(o -> o.startsWith(name + "=")).findFirst()
                .map(o -> o.substring(name.length() + 1)).orElse(otherwise);
    }

    /** The engine's hook on {@code db}, for {@code store} in mode 2 ("Loja Bench"), as a host wires it. */
    static TorpedoSmsHook hook(TestDatabase.Db db, StoreId store, Clock clock) {
        TemplateCatalog catalog = TemplateCatalog.loadApproved();
        MessageComposer composer = new MessageComposer(catalog, new MessageRenderer(catalog, RenderingOptions.defaults()),
                new PhoneNumberParser(), new SmsExtensionManager(), new DefaultStatusTemplateMapping(),
                id -> Optional.of(new StoreProfile("Bench", true, true)));
        StoreSettingsRepository settings = new StoreSettingsRepository(db.jdbc(), db.dialect(), clock);
        settings.save(new StoreSettings(store, SmsMode.NEW_ORDER, Sender.of("Loja Bench"), Contact.of("1133334444")));
        return new TorpedoSmsHook(settings, composer, new MessageRepository(db.jdbc(), db.dialect(), clock),
                new SuppressionList(db.jdbc(), db.dialect(), clock), new RestockEvents(db.jdbc(), clock),
                new SendWindow(clock, SendWindowOptions.defaults(), new BrazilianCalendar()), QueueMetrics.NONE, clock);
    }

    static void hookOverhead(TestDatabase.Db db, int calls) {
        MutableClock clock = new MutableClock(QueueRig.TUESDAY_NOON_SAO_PAULO);
        TorpedoSmsHook hook = hook(db, STORE, clock);

        int warmup = calls / 4;
        long[] nanos = new long[calls];
        for (int i = -warmup; i < calls; i++) {
            OrderCreated order = new OrderCreated(STORE, "o" + i + "-" + db.kind(), "2026-" + (100_000 + i),
                    "Cliente " + i, "(11) 9" + String.format("%04d", Math.floorMod(i, 10_000)) + "-5678",
                    new BigDecimal("149.90"), "SUBMITTED");
            TransactionStatus tx = db.transactionManager().getTransaction(new DefaultTransactionDefinition());
            long start = System.nanoTime();
            hook.orderCreated(order);
            long elapsed = System.nanoTime() - start;
            db.transactionManager().commit(tx);
            if (i >= 0) {
                nanos[i] = elapsed;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("hook_overhead db=%s calls=%d p50_us=%.0f p99_us=%.0f max_us=%.0f%n", db.kind(), calls,
                nanos[calls / 2] / 1e3, nanos[(int) (calls * 0.99)] / 1e3, nanos[calls - 1] / 1e3);
    }

    /** How many dispatchers the drains run, and how each is set up. */
    record Dispatchers(int count, int concurrency, int batchesInFlight, int batchSize) {

        DispatcherOptions options(int dispatcher) {
            return DispatcherOptions.defaults("bench-" + dispatcher).withConcurrency(concurrency)
                    .withBatchesInFlight(batchesInFlight).withBatchSize(batchSize);
        }

        /** Sending threads in all: every contender gets as many. */
        int threads() {
            return count * concurrency;
        }
    }
}
