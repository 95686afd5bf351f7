package dev.torpedo.sms.impl.restock;

import dev.torpedo.sms.api.ProductRestocked;
import dev.torpedo.sms.impl.db.DbTime;
import org.springframework.jdbc.core.JdbcOperations;

import java.time.Clock;
import java.util.Objects;

/**
 * Records a restock for {@link RestockFanOut} to expand into messages later. Called from the restock hook,
 * inside the host's transaction: one INSERT, however many shoppers wait, and no message until the host commits.
 *
 * <pre>{@code
 * @Transactional
 * void receive(Shipment shipment) {
 *     inventory.add(shipment);
 *     restockEvents.record(new ProductRestocked(StoreId.of("42"), "p-77", null, "Caneca Azul",
 *             "https://loja.example/caneca-azul", 0, 25));
 * }
 * }</pre>
 */
public final class RestockEvents {

    static final String TABLE = "sms_restock_event";
    /** The widths of the columns the host's free text goes to. */
    static final int MAX_PRODUCT_NAME = 1600;
    static final int MAX_PRODUCT_URL = 1000;

    private final JdbcOperations jdbc;
    private final Clock clock;

    public RestockEvents(JdbcOperations jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records the restock, due for its first wave now. Whether it alerts anybody (the store's mode, the host's
     * inventory features, whether the product was sold out) is decided when the wave goes out, and a restock
     * that alerts nobody ends with the reason. A name or link longer than its column is cut: a message shortens
     * names far below that anyway, and the host's transaction must not fail over a product's name.
     */
    public void record(ProductRestocked event) {
        Objects.requireNonNull(event, "event");
        var now = DbTime.toDb(clock.instant());
        jdbc.update("INSERT INTO " + TABLE + " (store_id, product_id, sku_id, product_name, product_url,"
                        + " quantity_before, quantity_after, status, last_subscription_id, waves, next_wave_at,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?)",
                event.storeId().value(), event.productId(), event.skuId(), clip(event.productName(), MAX_PRODUCT_NAME),
                clip(event.productUrl(), MAX_PRODUCT_URL), event.quantityBefore(), event.quantityAfter(),
                RestockStatus.PENDING.name(), now, now, now);
    }

    /**
     * Cuts {@code text} to {@code max} characters, never between the two halves of a surrogate pair, without NUL
     * characters (PostgreSQL refuses them in text, and would fail the host's transaction over a product's name).
     */
    static String clip(String text, int max) {
        if (text != null && text.indexOf('\u0000') >= 0) {
            text = text.replace("\u0000", "");
        }
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
