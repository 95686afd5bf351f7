package dev.torpedo.sms.impl.store;

import dev.torpedo.sms.api.Contact;
import dev.torpedo.sms.api.Sender;
import dev.torpedo.sms.api.SmsMode;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.impl.db.DbTime;
import dev.torpedo.sms.impl.db.Dialect;
import org.springframework.jdbc.core.JdbcOperations;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads and saves each store's SMS settings. A store never saved has SMS off. */
public final class StoreSettingsRepository {

    private static final List<String> COLUMNS = List.of("store_id", "mode", "sender", "contact", "unsubscribe_link",
            "updated_at");

    private final JdbcOperations jdbc;
    private final Dialect dialect;
    private final Clock clock;

    public StoreSettingsRepository(JdbcOperations jdbc, Dialect dialect, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The store's settings, or SMS off when it never saved any. */
    public StoreSettings find(StoreId store) {
        return findSaved(store).orElseGet(() -> StoreSettings.disabled(store));
    }

    public Optional<StoreSettings> findSaved(StoreId store) {
        return jdbc.query("SELECT mode, sender, contact, unsubscribe_link FROM sms_store_settings WHERE store_id = ?",
                (rs, n) -> new StoreSettings(store, SmsMode.fromCode(rs.getInt("mode")),
                        rs.getString("sender") == null ? null : Sender.of(rs.getString("sender")),
                        rs.getString("contact") == null ? null : Contact.of(rs.getString("contact")),
                        rs.getBoolean("unsubscribe_link")),
                store.value()).stream().findFirst();
    }

    /**
     * Saves the settings, replacing what the store had, in one row: an upsert that concurrent saves of the same
     * store cannot break (the last one wins, whole). Validation happened when the values were built.
     */
    public void save(StoreSettings settings) {
        var now = DbTime.toDb(clock.instant());
        String store = settings.storeId().value();
        int mode = settings.mode().code();
        String sender = settings.senderIfSet().map(Sender::value).orElse(null);
        String contact = settings.contactIfSet().map(Contact::value).orElse(null);
        dialect.upsert(jdbc, "sms_store_settings", COLUMNS, store, mode, sender, contact, settings.unsubscribeLink(), now);
    }
}
