package dev.torpedo.sms.impl.restock;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.ProductRestocked;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.ProductLinks;
import dev.torpedo.sms.api.spi.StockLevels;
import dev.torpedo.sms.impl.compose.Composition;
import dev.torpedo.sms.impl.compose.MessageComposer;
import dev.torpedo.sms.impl.db.DbTime;
import dev.torpedo.sms.impl.db.SetStatements;
import dev.torpedo.sms.impl.db.Dialect;
import dev.torpedo.sms.impl.optout.SuppressionList;
import dev.torpedo.sms.impl.optout.UnsubscribeLinks;
import dev.torpedo.sms.impl.queue.MessageKind;
import dev.torpedo.sms.impl.queue.MessageRepository;
import dev.torpedo.sms.impl.store.StoreSettings;
import dev.torpedo.sms.impl.store.StoreSettingsRepository;
import dev.torpedo.sms.impl.window.SendWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.support.TransactionOperations;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns recorded restocks into "back in stock" messages, one wave at a time, first come first served. Each
 * wave is one transaction: it claims the event ({@code FOR UPDATE SKIP LOCKED}, so any number of nodes can run
 * this side by side), takes the next {@link RestockOptions#waveSize} active subscriptions of the product in
 * signup order, queues a message for each (or records why not: opted out, invalid number), marks them
 * notified and moves the event's cursor. A crash rolls the whole wave back; it goes out again on the next run.
 *
 * <p>Before each wave after the first, the host's {@link StockLevels} must still say "in stock"; otherwise the
 * event stops as {@value #OUT_OF_STOCK} and the shoppers not yet told keep waiting for the next restock. An
 * event also stops, telling nobody, when the store's mode has no alerts, the host turned an inventory feature
 * off, or the store has no sender and contact yet.
 *
 * <pre>{@code
 * var fanOut = new RestockFanOut(jdbc, tx, dialect, settings, composer, messages, suppression, window,
 *         stockLevels, RestockOptions.defaults(), clock);
 * scheduler.scheduleWithFixedDelay(fanOut::runOnce, 0, 10, TimeUnit.SECONDS);
 * }</pre>
 */
public final class RestockFanOut {

    /** The reason an event stops when the host says the product sold out again. */
    public static final String OUT_OF_STOCK = "out-of-stock";
    /** The reason kept on an event whose last wave failed; it is tried again after the wave interval. */
    static final String WAVE_FAILED = "wave-failed";
    /** Events claimed per {@link #runOnce()}, each in its own transaction, so one run stays short. */
    static final int EVENTS_PER_RUN = 8;

    /** Rejections that would be the same for every subscriber: they stop the event instead of using it up. */
    private static final Set<String> EVENT_LEVEL_REJECTIONS = Set.of(Composition.STORE_NOT_CONFIGURED,
            Composition.UNKNOWN_TEMPLATE);
    /** Skips that come from the store, not the subscriber: the whole event has nobody to tell. */
    private static final Set<String> EVENT_LEVEL_SKIPS = Set.of(Composition.MODE_OFF, Composition.ALERTS_PAUSED,
            Composition.NOT_BACK_IN_STOCK);

    private static final Logger log = LoggerFactory.getLogger(RestockFanOut.class);

    private static final String EVENT_COLUMNS = "id, store_id, product_id, sku_id, product_name, product_url,"
            + " quantity_before, quantity_after, last_subscription_id, waves";

    private final JdbcOperations jdbc;
    private final TransactionOperations tx;
    private final Dialect dialect;
    private final StoreSettingsRepository storeSettings;
    private final MessageComposer composer;
    private final MessageRepository messages;
    private final SuppressionList suppression;
    private final SendWindow window;
    private final StockLevels stockLevels;
    private final RestockOptions options;
    private final Optional<UnsubscribeLinks> unsubscribeLinks;
    private final ProductLinks productLinks;
    private final Clock clock;

    public RestockFanOut(JdbcOperations jdbc, TransactionOperations tx, Dialect dialect,
                         StoreSettingsRepository storeSettings, MessageComposer composer, MessageRepository messages,
                         SuppressionList suppression, SendWindow window, StockLevels stockLevels,
                         RestockOptions options, Clock clock) {
        this(jdbc, tx, dialect, storeSettings, composer, messages, suppression, window, stockLevels, options,
                Optional.empty(), (store, product, url) -> url, clock);
    }

    /**
     * @param unsubscribeLinks makes the link that stops a shopper's alerts, for stores that enable it; without it
     *                         alerts carry none (SAIR still stops them)
     * @param productLinks     the host's short product links, asked once per restock
     */
    public RestockFanOut(JdbcOperations jdbc, TransactionOperations tx, Dialect dialect,
                         StoreSettingsRepository storeSettings, MessageComposer composer, MessageRepository messages,
                         SuppressionList suppression, SendWindow window, StockLevels stockLevels,
                         RestockOptions options, Optional<UnsubscribeLinks> unsubscribeLinks, ProductLinks productLinks,
                         Clock clock) {
        this.unsubscribeLinks = Objects.requireNonNull(unsubscribeLinks, "unsubscribe links");
        this.productLinks = Objects.requireNonNull(productLinks, "product links");
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.tx = Objects.requireNonNull(tx, "transactions");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.storeSettings = Objects.requireNonNull(storeSettings, "store settings");
        this.composer = Objects.requireNonNull(composer, "composer");
        this.messages = Objects.requireNonNull(messages, "message repository");
        this.suppression = Objects.requireNonNull(suppression, "suppression list");
        this.window = Objects.requireNonNull(window, "send window");
        this.stockLevels = Objects.requireNonNull(stockLevels, "stock levels");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Sends out one wave of each due event, up to a few events.
     *
     * @return the messages this run created: queued, plus the skipped and rejected rows the merchant sees
     */
    public int runOnce() {
        return run().messages();
    }

    /**
     * Runs until no event is due, for tests and harnesses: events whose next wave is later stay for later.
     *
     * @return the messages created
     */
    public int drainDue() {
        int created = 0;
        // Until a run finds no event (not until a run creates no message): a run that only stops events
        // creates none, yet other events may be due behind them.
        for (Run run = run(); run.events() > 0; run = run()) {
            created += run.messages();
        }
        return created;
    }

    private record Run(int events, int messages) {
    }

    private Run run() {
        int events = 0;
        int created = 0;
        for (; events < EVENTS_PER_RUN; events++) {
            Optional<Integer> wave = nextWave();
            if (wave.isEmpty()) {
                break;
            }
            created += wave.get();
        }
        return new Run(events, created);
    }

    /** One due event's next wave, in its own transaction; empty when no event is due. */
    private Optional<Integer> nextWave() {
        Instant now = clock.instant();
        long[] claimed = {0};
        try {
            return Objects.requireNonNull(tx.execute(status -> claim(now).map(event -> {
                claimed[0] = event.id();
                return wave(event, now);
            })));
        } catch (RuntimeException e) {
            if (claimed[0] == 0) {
                throw e;
            }
            // The wave rolled back. Put the event aside until the next interval so that it cannot hold up the
            // events behind it, and say so on the event.
            log.error("Restock event {}: the wave failed and is tried again in {}", claimed[0], options.waveInterval(), e);
            tx.executeWithoutResult(status -> jdbc.update("UPDATE " + RestockEvents.TABLE
                            + " SET next_wave_at = ?, reason = ?, updated_at = ? WHERE id = ? AND status = ?",
                    DbTime.toDb(now.plus(options.waveInterval())), WAVE_FAILED, DbTime.toDb(now), claimed[0],
                    RestockStatus.PENDING.name()));
            return Optional.of(0);
        }
    }

    /** A due event, locked for this transaction; events other nodes hold are skipped, not waited for. */
    private Optional<Event> claim(Instant now) {
        return jdbc.query("SELECT " + EVENT_COLUMNS + " FROM " + RestockEvents.TABLE
                        + " WHERE status = ? AND next_wave_at <= ? ORDER BY next_wave_at, id LIMIT 1"
                        + Dialect.FOR_UPDATE_SKIP_LOCKED,
                (rs, n) -> new Event(rs.getLong("id"), new ProductRestocked(StoreId.of(rs.getString("store_id")),
                        rs.getString("product_id"), rs.getString("sku_id"), rs.getString("product_name"),
                        rs.getString("product_url"), rs.getLong("quantity_before"), rs.getLong("quantity_after")),
                        rs.getLong("last_subscription_id"), rs.getInt("waves")),
                RestockStatus.PENDING.name(), DbTime.toDb(now)).stream().findFirst();
    }

    private record Event(long id, ProductRestocked restock, long lastSubscriptionId, int waves) {
    }

    private record Subscriber(long id, String recipient) {

        /** The stored number, if it is a canonical E.164 Brazilian mobile (as signup stores it). */
        Optional<MobileNumber> mobile() {
            try {
                return Optional.of(MobileNumber.of(recipient));
            } catch (RuntimeException notCanonical) {
                return Optional.empty();
            }
        }
    }

    /** What one wave made of its subscribers, before any of it is written. */
    private static final class Wave {
        final List<Composition.Composed> composed = new ArrayList<>();
        final List<Composition.Rejected> rejected = new ArrayList<>();
        int duplicates;
        int vetoed;
    }

    private int wave(Event event, Instant now) {
        ProductRestocked restock = withHostLink(event.restock());
        StoreSettings settings = storeSettings.find(restock.storeId());
        MessageComposer.RestockAlert alert = composer.restockAlert(settings, restock);
        Optional<String> stop = alert.skipReason()
                .or(() -> settings.isComplete() ? Optional.empty() : Optional.of(Composition.STORE_NOT_CONFIGURED))
                .or(() -> event.waves() > 0 && !stockLevels.isInStock(restock.storeId(), restock.productId(),
                        restock.skuId()) ? Optional.of(OUT_OF_STOCK) : Optional.empty());
        if (stop.isPresent()) {
            return stopEvent(event, stop.get(), now);
        }

        List<Subscriber> subscribers = nextSubscribers(event, options.waveSize(restock.quantityRestocked()));
        if (subscribers.isEmpty()) {
            // Normally nobody is left. Should another node's wave of this product have held the rows
            // just now, they are looked for again at the next interval rather than given up.
            finishEvent(event, event.lastSubscriptionId(), hasSubscribersAfter(event, event.lastSubscriptionId()), now);
            return 0;
        }

        Wave wave = new Wave();
        Set<MobileNumber> told = new HashSet<>();
        for (Subscriber subscriber : subscribers) {
            String key = idempotencyKey(event.id(), subscriber.id());
            Optional<MobileNumber> stored = subscriber.mobile();
            // A stored number is canonical and was validated at signup; one that is not (edited by hand) is
            // read as typed, so that it gets the parser's rejection.
            Composition composition = stored.isPresent()
                    ? alert.messageFor(stored.get(), key, unsubscribeUrl(settings, subscriber.id(), stored.get(),
                            restock.productId()))
                    : alert.messageFor(subscriber.recipient(), key);
            if (composition instanceof Composition.Composed message) {
                // One number signed up twice (a double click, the product and one of its SKUs) hears once.
                if (told.add(message.recipient())) {
                    wave.composed.add(message);
                } else {
                    wave.duplicates++;
                }
            } else if (composition instanceof Composition.Rejected rejected) {
                if (EVENT_LEVEL_REJECTIONS.contains(rejected.reason())) {
                    return stopEvent(event, rejected.reason(), now);
                }
                wave.rejected.add(rejected);
            } else if (composition instanceof Composition.Skipped skipped) {
                if (EVENT_LEVEL_SKIPS.contains(skipped.reason())) {
                    return stopEvent(event, skipped.reason(), now);
                }
                // A handler's veto: this shopper gets no message, and no row either (as for every hook).
                wave.vetoed++;
            }
        }
        return write(event, subscribers, wave, now);
    }

    /** The restock with the host's short product link; the link as given when the host's code fails. */
    private ProductRestocked withHostLink(ProductRestocked restock) {
        if (restock.productUrl() == null || restock.productUrl().isBlank()) {
            return restock;
        }
        try {
            String link = productLinks.linkFor(restock.storeId(), restock.productId(), restock.productUrl());
            return link == null || link.isBlank() || link.equals(restock.productUrl()) ? restock
                    : new ProductRestocked(restock.storeId(), restock.productId(), restock.skuId(), restock.productName(),
                            link.strip(), restock.quantityBefore(), restock.quantityAfter());
        } catch (RuntimeException e) {
            log.warn("The host's ProductLinks failed for product {} of store {}; the alert keeps the restock's link",
                    restock.productId(), restock.storeId(), e);
            return restock;
        }
    }

    /** The shopper's link that stops alerts, when the store wants it and the host configured links. */
    private String unsubscribeUrl(StoreSettings settings, long subscriptionId, MobileNumber number, String productId) {
        if (!settings.unsubscribeLink()) {
            return null;
        }
        return unsubscribeLinks.map(links -> links.urlFor(subscriptionId, number, productId)).orElse(null);
    }

    private int write(Event event, List<Subscriber> subscribers, Wave wave, Instant now) {
        Set<MobileNumber> suppressed = suppression.suppressedAmong(recipients(wave.composed));
        List<Composition.Composed> queued = new ArrayList<>(wave.composed.size());
        List<Composition.Composed> optedOut = new ArrayList<>();
        for (Composition.Composed message : wave.composed) {
            (suppressed.contains(message.recipient()) ? optedOut : queued).add(message);
        }

        // The window depends on the DDD alone, and a wave shares one "now".
        Map<Integer, Instant> openings = new HashMap<>();
        Function<MobileNumber, Instant> notBefore =
                to -> openings.computeIfAbsent(to.areaCode(), ddd -> window.nextOpening(to, now));
        int created = 0;
        created += inBatches(queued, batch -> messages.enqueueAll(batch, MessageKind.BACK_IN_STOCK, notBefore));
        created += inBatches(optedOut, batch -> messages.recordSkippedAll(batch, MessageKind.BACK_IN_STOCK, "suppressed"));
        created += inBatches(wave.rejected, batch -> messages.recordRejectedAll(batch, MessageKind.BACK_IN_STOCK));
        markNotified(subscribers, now);

        long last = subscribers.get(subscribers.size() - 1).id();
        boolean more = hasSubscribersAfter(event, last);
        finishEvent(event, last, more, now);
        log.info("Restock event {} (store {}, product {}) wave {}: {} queued, {} opted out, {} rejected, {} duplicate,"
                        + " {} vetoed; {}", event.id(), event.restock().storeId(), event.restock().productId(),
                event.waves() + 1, queued.size(), optedOut.size(), wave.rejected.size(), wave.duplicates, wave.vetoed,
                more ? "next wave at " + now.plus(options.waveInterval()) : "done");
        return created;
    }

    private static List<MobileNumber> recipients(List<Composition.Composed> composed) {
        return composed.stream().map(Composition.Composed::recipient).toList();
    }

    /** Idempotency key of one subscriber's alert for one restock. */
    public static String idempotencyKey(long eventId, long subscriptionId) {
        return "restock:" + eventId + ":sub:" + subscriptionId;
    }

    /**
     * The next active subscriptions after the cursor, in signup order, locked: two restocks of one product
     * running on two nodes then cannot both tell the same shopper (the second waits, and then no longer sees
     * them as active).
     */
    private List<Subscriber> nextSubscribers(Event event, int limit) {
        List<Object> args = new ArrayList<>(matching(event));
        args.add(event.lastSubscriptionId());
        args.add(limit);
        return jdbc.query("SELECT id, recipient FROM " + SubscriptionRepository.TABLE + " WHERE " + matchingSql(event)
                        + " AND id > ? ORDER BY id LIMIT ? FOR UPDATE",
                (rs, n) -> new Subscriber(rs.getLong("id"), rs.getString("recipient")), args.toArray());
    }

    private boolean hasSubscribersAfter(Event event, long subscriptionId) {
        List<Object> args = new ArrayList<>(matching(event));
        args.add(subscriptionId);
        return !jdbc.query("SELECT id FROM " + SubscriptionRepository.TABLE + " WHERE " + matchingSql(event)
                + " AND id > ? ORDER BY id LIMIT 1", (rs, n) -> rs.getLong(1), args.toArray()).isEmpty();
    }

    /**
     * A SKU's restock reaches who asked for that SKU and who asked for the product as a whole; a signup past its
     * expiry reaches nobody, even before the retention job marks it EXPIRED.
     */
    private static String matchingSql(Event event) {
        return "store_id = ? AND product_id = ? AND status = ? AND (expires_at IS NULL OR expires_at > ?)"
                + (event.restock().skuId() == null ? "" : " AND (sku_id = ? OR sku_id IS NULL)");
    }

    private List<Object> matching(Event event) {
        ProductRestocked restock = event.restock();
        List<Object> args = new ArrayList<>(List.of(restock.storeId().value(), restock.productId(),
                SubscriptionStatus.ACTIVE.name(), DbTime.toDb(clock.instant())));
        if (restock.skuId() != null) {
            args.add(restock.skuId());
        }
        return args;
    }

    /** By id, a batch of ids per statement: a range would also catch a signup committed during the wave. */
    private void markNotified(List<Subscriber> subscribers, Instant now) {
        List<Long> ids = subscribers.stream().map(Subscriber::id).toList();
        inBatches(ids, batch -> {
            List<Object> args = new ArrayList<>(batch.size() + 2);
            args.add(SubscriptionStatus.NOTIFIED.name());
            args.add(DbTime.toDb(now));
            args.addAll(batch);
            return jdbc.update("UPDATE " + SubscriptionRepository.TABLE + " SET status = ?, notified_at = ? WHERE id IN "
                    + SetStatements.placeholders(batch.size()), args.toArray());
        });
    }

    private void finishEvent(Event event, long lastSubscriptionId, boolean more, Instant now) {
        jdbc.update("UPDATE " + RestockEvents.TABLE + " SET status = ?, last_subscription_id = ?, waves = ?,"
                        + " next_wave_at = ?, reason = NULL, updated_at = ? WHERE id = ?",
                (more ? RestockStatus.PENDING : RestockStatus.DONE).name(), lastSubscriptionId,
                event.waves() + (lastSubscriptionId > event.lastSubscriptionId() ? 1 : 0),
                DbTime.toDb(more ? now.plus(options.waveInterval()) : now), DbTime.toDb(now), event.id());
    }

    private int stopEvent(Event event, String reason, Instant now) {
        jdbc.update("UPDATE " + RestockEvents.TABLE + " SET status = ?, reason = ?, updated_at = ? WHERE id = ?",
                RestockStatus.STOPPED.name(), reason, DbTime.toDb(now), event.id());
        log.info("Restock event {} (store {}, product {}) stopped after {} wave(s): {}", event.id(),
                event.restock().storeId(), event.restock().productId(), event.waves(), reason);
        return 0;
    }

    private <T> int inBatches(List<T> rows, Function<List<T>, Integer> write) {
        int written = 0;
        for (List<T> batch : SetStatements.chunks(rows, options.batchSize())) {
            written += write.apply(batch);
        }
        return written;
    }

    @Override
    public String toString() {
        return "RestockFanOut[" + dialect + ", " + options + "]";
    }
}
