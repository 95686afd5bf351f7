package dev.torpedo.sms.bench.jmh;

import dev.torpedo.sms.api.Contact;
import dev.torpedo.sms.api.HookResult;
import dev.torpedo.sms.api.OrderCreated;
import dev.torpedo.sms.api.Sender;
import dev.torpedo.sms.api.SmsMode;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.extension.SmsExtensionManager;
import dev.torpedo.sms.api.spi.StoreProfile;
import dev.torpedo.sms.impl.calendar.BrazilianCalendar;
import dev.torpedo.sms.impl.compose.Composition;
import dev.torpedo.sms.impl.compose.DefaultStatusTemplateMapping;
import dev.torpedo.sms.impl.compose.MessageComposer;
import dev.torpedo.sms.impl.hook.TorpedoSmsHook;
import dev.torpedo.sms.impl.optout.SuppressionList;
import dev.torpedo.sms.impl.phone.PhoneNumberParser;
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
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * JMH: the order-created hook (compose + insert, inside a host transaction that is begun and committed around it)
 * on H2 in memory or the local PostgreSQL, and the composition alone (template rendering, encoding, segments,
 * phone parsing) with no database. Run with {@code -Pjmh} (see docs/PERFORMANCE.md).
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HookBenchmark {

    private static final StoreId STORE = StoreId.of("jmh");

    @Param({"H2", "POSTGRESQL"})
    public String database;

    private TestDatabase.Db db;
    private TorpedoSmsHook hook;
    private MessageComposer composer;
    private StoreSettings settings;
    private long order;

    @Setup(Level.Trial)
    public void setUp() {
        db = TestDatabase.valueOf(database).create();
        MutableClock clock = new MutableClock(QueueRig.TUESDAY_NOON_SAO_PAULO);
        TemplateCatalog catalog = TemplateCatalog.loadApproved();
        composer = new MessageComposer(catalog, new MessageRenderer(catalog, RenderingOptions.defaults()),
                new PhoneNumberParser(), new SmsExtensionManager(), new DefaultStatusTemplateMapping(),
                id -> Optional.of(new StoreProfile("Bench", true, true)));
        StoreSettingsRepository repository = new StoreSettingsRepository(db.jdbc(), db.dialect(), clock);
        repository.save(new StoreSettings(STORE, SmsMode.NEW_ORDER, Sender.of("Loja Bench"), Contact.of("1133334444")));
        settings = repository.find(STORE);
        hook = new TorpedoSmsHook(repository, composer, new MessageRepository(db.jdbc(), db.dialect(), clock),
                new SuppressionList(db.jdbc(), db.dialect(), clock), new RestockEvents(db.jdbc(), clock),
                new SendWindow(clock, SendWindowOptions.defaults(), new BrazilianCalendar()), QueueMetrics.NONE, clock);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        db.close();
    }

    private OrderCreated nextOrder() {
        long n = ++order;
        return new OrderCreated(STORE, "o" + n, "2026-" + n, "Cliente " + n,
                "(11) 9" + String.format("%04d", n % 10_000) + "-5678", new BigDecimal("149.90"), "SUBMITTED");
    }

    /** The hook's whole cost as the host sees it, its own transaction included. */
    @Benchmark
    public HookResult hookInTransaction() {
        TransactionStatus tx = db.transactionManager().getTransaction(new DefaultTransactionDefinition());
        HookResult result = hook.orderCreated(nextOrder());
        db.transactionManager().commit(tx);
        return result;
    }

    /** Rendering and encoding only: what the hook spends before it touches the database. */
    @Benchmark
    public Composition compose() {
        return composer.orderCreated(settings, nextOrder());
    }
}
