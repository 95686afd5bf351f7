package dev.torpedo.sms.impl.store;

import dev.torpedo.sms.api.Contact;
import dev.torpedo.sms.api.Sender;
import dev.torpedo.sms.api.SmsMode;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.impl.db.DbTime;
import org.springframework.jdbc.core.JdbcOperations;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/** Reads and saves each store's SMS settings. A store never saved has SMS off. */
public final class StoreSettingsRepository {

    private final JdbcOperations jdbc;
    private final Clock clock;

    public StoreSettingsRepository(JdbcOperations jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The store's settings, or SMS off when it never saved any. */
    public StoreSettings find(StoreId store) {
        return findSaved(store).orElseGet(() -> StoreSettings.disabled(store));
    }

    public Optional<StoreSettings> findSaved(StoreId store) {
        return jdbc.query("SELECT mode, sender, contact FROM sms_store_settings WHERE store_id = ?",
                (rs, n) -> new StoreSettings(store, SmsMode.fromCode(rs.getInt("mode")),
                        rs.getString("sender") == null ? null : Sender.of(rs.getString("sender")),
                        rs.getString("contact") == null ? null : Contact.of(rs.getString("contact"))),
                store.value()).stream().findFirst();
    }

    /** Saves the settings, replacing what the store had. Validation happened when the values were built. */
    public void save(StoreSettings settings) {
        var now = DbTime.toDb(clock.instant());
        String sender = settings.senderIfSet().map(Sender::value).orElse(null);
        String contact = settings.contactIfSet().map(Contact::value).orElse(null);
        int updated = jdbc.update("UPDATE sms_store_settings SET mode = ?, sender = ?, contact = ?, updated_at = ?"
                + " WHERE store_id = ?", settings.mode().code(), sender, contact, now, settings.storeId().value());
        if (updated == 0) {
            jdbc.update("INSERT INTO sms_store_settings (store_id, mode, sender, contact, updated_at) VALUES (?, ?, ?, ?, ?)",
                    settings.storeId().value(), settings.mode().code(), sender, contact, now);
        }
    }
}
