package dev.torpedo.sms.impl.restock;

import dev.torpedo.sms.api.Contact;
import dev.torpedo.sms.api.MobileNumber;
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
import dev.torpedo.sms.impl.optout.SuppressionList;
import dev.torpedo.sms.impl.phone.PhoneNumberParser;
import dev.torpedo.sms.impl.queue.MessageRepository;
import dev.torpedo.sms.impl.store.StoreSettings;
import dev.torpedo.sms.impl.store.StoreSettingsRepository;
import dev.torpedo.sms.impl.template.MessageRenderer;
import dev.torpedo.sms.impl.template.RenderingOptions;
import dev.torpedo.sms.impl.template.TemplateCatalog;
import dev.torpedo.sms.impl.testing.DatabaseContract;
import dev.torpedo.sms.impl.testing.MutableClock;
import dev.torpedo.sms.impl.testing.TestDatabase;
import dev.torpedo.sms.impl.window.SendWindow;
import dev.torpedo.sms.impl.window.SendWindowOptions;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The restock feature wired as a host would wire it, with the real template catalog, on a fresh database: a
 * store in mode 4 with sender and contact, whose host has both inventory features on and the product in stock.
 * The clock starts at 10:00 in São Paulo, inside the send window.
 */
abstract class RestockContract extends DatabaseContract {

    static final StoreId STORE = StoreId.of("42");
    static final String PRODUCT = "p-77";
    static final String CONSENT = "avise-me-v1";

    private static final TemplateCatalog CATALOG = TemplateCatalog.loadApproved();
    private static final MessageRenderer RENDERER = new MessageRenderer(CATALOG, RenderingOptions.defaults());
    private static final BrazilianCalendar CALENDAR = new BrazilianCalendar();

    // Set afresh before each test: the contract's instance lives as long as its database (PER_CLASS).
    MutableClock clock;
    SmsExtensionManager extensions;
    volatile StoreProfile profile;
    volatile boolean inStock;

    StoreSettingsRepository settings;
    SubscriptionRepository subscriptions;
    RestockEvents events;
    MessageRepository messages;
    SuppressionList suppression;
    MessageComposer composer;
    SendWindow window;

    RestockContract(TestDatabase database) {
        super(database);
    }

    @BeforeEach
    void wire() {
        clock = MutableClock.at("2026-03-10T13:00:00Z");
        extensions = new SmsExtensionManager(true);
        profile = new StoreProfile("Loja da Ana", true, true);
        inStock = true;
        settings = new StoreSettingsRepository(db.jdbc(), db.dialect(), clock);
        settings.save(new StoreSettings(STORE, SmsMode.MANUAL_WITH_AVAILABILITY, Sender.of("Loja da Ana"),
                Contact.of("1133334444")));
        subscriptions = new SubscriptionRepository(db.jdbc(), clock);
        events = new RestockEvents(db.jdbc(), clock);
        messages = new MessageRepository(db.jdbc(), db.dialect(), clock);
        suppression = new SuppressionList(db.jdbc(), db.dialect(), clock);
        composer = new MessageComposer(CATALOG, RENDERER, new PhoneNumberParser(), extensions,
                new DefaultStatusTemplateMapping(), id -> Optional.ofNullable(profile));
        window = new SendWindow(clock, SendWindowOptions.defaults(), CALENDAR);
    }

    RestockFanOut fanOut(RestockOptions options) {
        return new RestockFanOut(db.jdbc(), db.tx(), db.dialect(), settings, composer, messages, suppression, window,
                (store, product, sku) -> inStock, options, clock);
    }

    /** Waves of exactly {@code size} shoppers, 15 minutes apart. */
    static RestockOptions wavesOf(int size) {
        return new RestockOptions(1, size, size, Duration.ofMinutes(15), 500);
    }

    /** The {@code i}-th shopper's mobile, in São Paulo: distinct for i below 90 million. */
    static MobileNumber mobile(int i) {
        return MobileNumber.of(String.format("+55119%08d", 10_000_000 + i));
    }

    static ProductRestocked restock(String sku, long quantity) {
        return new ProductRestocked(STORE, PRODUCT, sku, "Caneca Azul", "https://loja.example/caneca", 0, quantity);
    }

    /**
     * Signs up shoppers {@code first} to {@code first + count - 1} for the product, in that order, with one
     * batch insert (a signup at a time would make the big tests slow). @return their subscription ids, in order
     */
    List<Long> subscribeMany(int first, int count, String sku) {
        var now = DbTime.toDb(clock.instant());
        db.jdbc().batchUpdate("INSERT INTO sms_subscription (store_id, product_id, sku_id, recipient, consent_version,"
                + " consented_at, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'ACTIVE', ?)", new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                ps.setString(1, STORE.value());
                ps.setString(2, PRODUCT);
                if (sku == null) {
                    ps.setNull(3, Types.VARCHAR);
                } else {
                    ps.setString(3, sku);
                }
                ps.setString(4, mobile(first + i).e164());
                ps.setString(5, CONSENT);
                ps.setObject(6, now);
                ps.setObject(7, now);
            }

            @Override
            public int getBatchSize() {
                return count;
            }
        });
        List<Long> ids = new ArrayList<>(db.jdbc().queryForList("SELECT id FROM sms_subscription WHERE recipient >= ?"
                + " AND recipient <= ? ORDER BY id", Long.class, mobile(first).e164(), mobile(first + count - 1).e164()));
        return ids;
    }

    long subscribe(MobileNumber mobile, String sku) {
        return subscriptions.subscribe(STORE, PRODUCT, sku, mobile, CONSENT, clock.instant());
    }

    long onlyEventId() {
        return db.jdbc().queryForObject("SELECT id FROM sms_restock_event", Long.class);
    }

    String eventStatus(long id) {
        return db.jdbc().queryForObject("SELECT status FROM sms_restock_event WHERE id = ?", String.class, id);
    }

    String eventReason(long id) {
        return db.jdbc().queryForObject("SELECT reason FROM sms_restock_event WHERE id = ?", String.class, id);
    }

    Instant now() {
        return clock.instant();
    }
}
