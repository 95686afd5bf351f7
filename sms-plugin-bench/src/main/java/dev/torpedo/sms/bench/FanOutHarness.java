package dev.torpedo.sms.bench;

import dev.torpedo.sms.api.Contact;
import dev.torpedo.sms.api.HookResult;
import dev.torpedo.sms.api.ProductRestocked;
import dev.torpedo.sms.api.Sender;
import dev.torpedo.sms.api.SmsMode;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.extension.SmsExtensionManager;
import dev.torpedo.sms.api.spi.StoreProfile;
import dev.torpedo.sms.impl.calendar.BrazilianCalendar;
import dev.torpedo.sms.impl.compose.DefaultStatusTemplateMapping;
import dev.torpedo.sms.impl.compose.MessageComposer;
import dev.torpedo.sms.impl.db.DbTime;
import dev.torpedo.sms.impl.hook.TorpedoSmsHook;
import dev.torpedo.sms.impl.optout.SuppressionList;
import dev.torpedo.sms.impl.phone.PhoneNumberParser;
import dev.torpedo.sms.impl.queue.MessageRepository;
import dev.torpedo.sms.impl.queue.QueueMetrics;
import dev.torpedo.sms.impl.restock.RestockEvents;
import dev.torpedo.sms.impl.restock.RestockFanOut;
import dev.torpedo.sms.impl.restock.RestockOptions;
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

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Restock fan-out: N active "avise-me" subscriptions to one product, then the restock hook (timed alone, inside an
 * open host transaction), then {@link RestockFanOut} until every subscriber has a queued message. Waves keep their
 * default size (5,000); the wave interval is 1 s on a {@link MutableClock} that the harness moves on between waves,
 * so the figure is the work the waves cost, not the pacing the merchant chose.
 */
final class FanOutHarness {

    private static final StoreId STORE = StoreId.of("bench-restock");
    private static final String PRODUCT = "p-1";

    private static final int WARM_CALLS = 500;

    private FanOutHarness() {
    }

    /** One restock hook call in its own host transaction; returns the nanoseconds of the call alone. */
    private static long restock(TestDatabase.Db db, TorpedoSmsHook hook, String product) {
        TransactionStatus tx = db.transactionManager().getTransaction(new DefaultTransactionDefinition());
        long start = System.nanoTime();
        hook.productRestocked(new ProductRestocked(STORE, product, null, "Bench", "https://loja.example/" + product,
                0, 10));
        long nanos = System.nanoTime() - start;
        db.transactionManager().commit(tx);
        return nanos;
    }

    static void run(TestDatabase.Db db, int subscribers) {
        MutableClock clock = new MutableClock(QueueRig.TUESDAY_NOON_SAO_PAULO);
        TemplateCatalog catalog = TemplateCatalog.loadApproved();
        MessageComposer composer = new MessageComposer(catalog, new MessageRenderer(catalog, RenderingOptions.defaults()),
                new PhoneNumberParser(), new SmsExtensionManager(), new DefaultStatusTemplateMapping(),
                id -> Optional.of(new StoreProfile("Bench", true, true)));
        StoreSettingsRepository settings = new StoreSettingsRepository(db.jdbc(), db.dialect(), clock);
        settings.save(new StoreSettings(STORE, SmsMode.STATUS_CHANGES_WITH_AVAILABILITY, Sender.of("Loja Bench"),
                Contact.of("1133334444")));
        MessageRepository messages = new MessageRepository(db.jdbc(), db.dialect(), clock);
        SuppressionList suppressions = new SuppressionList(db.jdbc(), db.dialect(), clock);
        SendWindow window = new SendWindow(clock, SendWindowOptions.defaults(), new BrazilianCalendar());
        TorpedoSmsHook hook = new TorpedoSmsHook(settings, composer, messages, suppressions,
                new RestockEvents(db.jdbc(), clock), window, QueueMetrics.NONE, clock);
        RestockOptions options = new RestockOptions(3, 100, 5_000, Duration.ofSeconds(1), 500);
        RestockFanOut fanOut = new RestockFanOut(db.jdbc(), db.tx(), db.dialect(), settings, composer, messages,
                suppressions, window, (store, product, sku) -> true, options, clock);

        // Signups by batch insert: how they got there is not what is measured.
        var now = DbTime.toDb(clock.instant());
        List<Object[]> rows = IntStream.range(0, subscribers).mapToObj(i -> new Object[]{STORE.value(), PRODUCT,
                QueueRig.number(i).e164(), "avise-me-v1", now, "ACTIVE", now}).toList();
        db.jdbc().batchUpdate("INSERT INTO sms_subscription (store_id, product_id, sku_id, recipient, consent_version,"
                + " consented_at, status, created_at) VALUES (?, ?, NULL, ?, ?, ?, ?, ?)", rows);

        // The first restock call of a JVM pays for class loading and a cold JIT: time it, then warm calls on
        // products nobody waits for, then the real one (what a running host sees).
        long coldNanos = restock(db, hook, "p-cold");
        long[] warm = new long[WARM_CALLS];
        for (int i = 0; i < WARM_CALLS; i++) {
            warm[i] = restock(db, hook, "p-warm-" + i);
        }
        Arrays.sort(warm);
        TransactionStatus tx = db.transactionManager().getTransaction(new DefaultTransactionDefinition());
        long hookStart = System.nanoTime();
        HookResult result = hook.productRestocked(new ProductRestocked(STORE, PRODUCT, null, "Camiseta Bench",
                "https://loja.example/p-1", 0, 1_000_000));
        long hookNanos = System.nanoTime() - hookStart;
        db.transactionManager().commit(tx);
        System.out.printf("fanout_hook db=%s cold_ms=%.2f warm_p50_ms=%.3f warm_p99_ms=%.3f calls=%d%n", db.kind(),
                coldNanos / 1e6, warm[WARM_CALLS / 2] / 1e6, warm[(int) (WARM_CALLS * 0.99)] / 1e6, WARM_CALLS);

        long start = System.nanoTime();
        int waves = 0;
        long enqueued = 0;
        while (enqueued < subscribers) {
            int created = fanOut.drainDue();
            waves++;
            enqueued = db.count("sms_message", "store_id = ?", STORE.value());
            if (created == 0 && waves > 1) {
                break;
            }
            clock.advance(options.waveInterval());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long queued = db.count("sms_message", "store_id = ? AND status = 'QUEUED'", STORE.value());
        System.out.printf("fanout db=%s subscribers=%d hook=%s hook_ms=%.2f waves=%d seconds=%.2f messages_per_s=%.0f"
                        + " queued=%d complete=%s%n", db.kind(), subscribers, result.outcome(),
                hookNanos / 1e6, waves, seconds, enqueued / seconds, queued, queued == subscribers);
    }
}
