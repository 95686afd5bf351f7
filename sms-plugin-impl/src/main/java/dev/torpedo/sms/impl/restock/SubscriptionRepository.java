package dev.torpedo.sms.impl.restock;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.impl.db.DbTime;
import dev.torpedo.sms.impl.db.GeneratedKeys;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * "Avise-me" signups: a shopper leaves a mobile number on a sold-out product's page, with consent (a checkbox
 * that is not pre-checked, the consent text's version, when), and is told once when the product is back.
 * Statements join the caller's transaction, if any.
 *
 * <pre>{@code
 * long id = subscriptions.subscribe(StoreId.of("42"), "p-77", null, MobileNumber.of("+5511912345678"),
 *         "avise-me-v1", clock.instant());
 * subscriptions.cancel(id);
 * }</pre>
 */
public final class SubscriptionRepository {

    static final String TABLE = "sms_subscription";
    private static final int MAX_ID_LENGTH = 64;
    private static final int MAX_CONSENT_VERSION_LENGTH = 20;

    private final JdbcOperations jdbc;
    private final Clock clock;

    public SubscriptionRepository(JdbcOperations jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Signs {@code mobile} up for the product, or for one of its SKUs. A number that already waits for the same
     * product and SKU keeps its place in the line: its subscription's id comes back and nothing is added.
     *
     * @param skuId          the SKU, {@code null} (or blank) for the product as a whole, told of any SKU's restock
     * @param consentVersion the version of the consent text the shopper ticked, such as {@code avise-me-v1}
     * @param consentedAt    when the shopper ticked it
     * @return the id of the shopper's active subscription
     */
    public long subscribe(StoreId storeId, String productId, String skuId, MobileNumber mobile, String consentVersion,
                          Instant consentedAt) {
        return subscribe(storeId, productId, skuId, mobile, new Consent(consentVersion, consentedAt, HOST_CHANNEL), null);
    }

    /** Where a host's own form (not the plugin's storefront) took the signup. */
    public static final String HOST_CHANNEL = "host";
    private static final int MAX_CHANNEL_LENGTH = 16;

    /**
     * What the shopper agreed to, when and where.
     *
     * @param version the version of the consent text the shopper ticked, such as {@code avise-me-v1}
     * @param at      when the shopper ticked it
     * @param channel where: {@code web} (the storefront's form), {@code json} (its API), {@value #HOST_CHANNEL}
     */
    public record Consent(String version, Instant at, String channel) {
        public Consent {
            Objects.requireNonNull(at, "consent time");
            version = requireText(version, "consent version", MAX_CONSENT_VERSION_LENGTH);
            channel = requireText(channel, "consent channel", MAX_CHANNEL_LENGTH);
        }
    }

    /**
     * {@link #subscribe(StoreId, String, String, MobileNumber, String, Instant)} with where the shopper consented
     * and when the signup lapses if no restock comes.
     *
     * @param expiresAt after this the signup is not used and its number is erased; {@code null} for never
     * @return the id of the shopper's active subscription (the existing one, unchanged, if there was one)
     */
    public long subscribe(StoreId storeId, String productId, String skuId, MobileNumber mobile, Consent consent,
                          Instant expiresAt) {
        Objects.requireNonNull(storeId, "store id");
        Objects.requireNonNull(mobile, "mobile");
        Objects.requireNonNull(consent, "consent");
        String product = requireText(productId, "product id", MAX_ID_LENGTH);
        String sku = skuId == null || skuId.isBlank() ? null : requireText(skuId, "SKU id", MAX_ID_LENGTH);

        Optional<Long> existing = activeId(storeId, product, sku, mobile);
        if (existing.isPresent()) {
            return existing.get();
        }
        // Two signups racing (a double click) could both get here; the restock wave tells a number once
        // even then, so no lock is taken on the shopper's request path.
        return GeneratedKeys.insert(jdbc, "INSERT INTO " + TABLE + " (store_id, product_id, sku_id, recipient,"
                        + " consent_version, consented_at, consent_channel, expires_at, status, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                storeId.value(), product, sku, mobile.e164(), consent.version(), DbTime.toDb(consent.at()),
                consent.channel(), expiresAt == null ? null : DbTime.toDb(expiresAt),
                SubscriptionStatus.ACTIVE.name(), DbTime.toDb(clock.instant()));
    }

    private Optional<Long> activeId(StoreId storeId, String product, String sku, MobileNumber mobile) {
        String skuMatch = sku == null ? "sku_id IS NULL" : "sku_id = ?";
        Object[] args = sku == null
                ? new Object[]{storeId.value(), product, SubscriptionStatus.ACTIVE.name(), mobile.e164()}
                : new Object[]{storeId.value(), product, SubscriptionStatus.ACTIVE.name(), mobile.e164(), sku};
        return jdbc.query("SELECT id FROM " + TABLE + " WHERE store_id = ? AND product_id = ? AND status = ?"
                        + " AND recipient = ? AND " + skuMatch + " ORDER BY id",
                (rs, n) -> rs.getLong(1), args).stream().findFirst();
    }

    /** Whether the number already waits for the product (or this SKU of it). */
    public boolean isActive(StoreId storeId, String productId, String skuId, MobileNumber mobile) {
        String sku = skuId == null || skuId.isBlank() ? null : skuId.strip();
        return activeId(storeId, productId.strip(), sku, mobile).isPresent();
    }

    /** Cancels an active subscription. @return whether there was one to cancel */
    public boolean cancel(long id) {
        return jdbc.update("UPDATE " + TABLE + " SET status = ? WHERE id = ? AND status = ?",
                SubscriptionStatus.CANCELLED.name(), id, SubscriptionStatus.ACTIVE.name()) > 0;
    }

    /**
     * Cancels every active subscription of the number, in every store: what a reply SAIR means.
     *
     * @return how many were cancelled
     */
    public int cancelAll(MobileNumber mobile) {
        return jdbc.update("UPDATE " + TABLE + " SET status = ? WHERE recipient = ? AND status = ?",
                SubscriptionStatus.CANCELLED.name(), Objects.requireNonNull(mobile, "mobile").e164(),
                SubscriptionStatus.ACTIVE.name());
    }

    /** How many shoppers wait for the product, all its SKUs together. */
    public long countActive(StoreId storeId, String productId) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE
                        + " WHERE store_id = ? AND product_id = ? AND status = ?", Long.class,
                storeId.value(), productId, SubscriptionStatus.ACTIVE.name());
        return count == null ? 0 : count;
    }

    public Optional<Subscription> find(long id) {
        return jdbc.query("SELECT id, store_id, product_id, sku_id, recipient, consent_version, consented_at, status,"
                + " created_at, notified_at FROM " + TABLE + " WHERE id = ?", ROW, id).stream().findFirst();
    }

    private static final RowMapper<Subscription> ROW = (rs, n) -> new Subscription(
            rs.getLong("id"),
            StoreId.of(rs.getString("store_id")),
            rs.getString("product_id"),
            rs.getString("sku_id"),
            rs.getString("recipient") == null ? null : MobileNumber.of(rs.getString("recipient")),
            rs.getString("consent_version"),
            DbTime.fromDb(rs, "consented_at"),
            SubscriptionStatus.valueOf(rs.getString("status")),
            DbTime.fromDb(rs, "created_at"),
            DbTime.fromDb(rs, "notified_at"));

    private static String requireText(String value, String what, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The " + what + " is required");
        }
        String text = value.strip();
        if (text.length() > maxLength) {
            throw new IllegalArgumentException("The " + what + " has at most " + maxLength + " characters");
        }
        return text;
    }
}
