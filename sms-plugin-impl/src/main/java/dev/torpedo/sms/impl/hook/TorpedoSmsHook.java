package dev.torpedo.sms.impl.hook;

import dev.torpedo.sms.api.HookResult;
import dev.torpedo.sms.api.HostIds;
import dev.torpedo.sms.api.OrderCreated;
import dev.torpedo.sms.api.OrderStatusChanged;
import dev.torpedo.sms.api.ProductRestocked;
import dev.torpedo.sms.api.SmsHook;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.TemplateKey;
import dev.torpedo.sms.impl.compose.Composition;
import dev.torpedo.sms.impl.compose.MessageComposer;
import dev.torpedo.sms.impl.phone.NumbersInText;
import dev.torpedo.sms.impl.optout.SuppressionList;
import dev.torpedo.sms.impl.queue.MessageKind;
import dev.torpedo.sms.impl.queue.MessageRepository;
import dev.torpedo.sms.impl.queue.QueueMetrics;
import dev.torpedo.sms.impl.restock.RestockEvents;
import dev.torpedo.sms.impl.store.StoreSettings;
import dev.torpedo.sms.impl.store.StoreSettingsRepository;
import dev.torpedo.sms.impl.window.SendWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The plugin's {@link SmsHook}: decides, renders and records, inside the caller's transaction, with no network.
 * A shopper's bad data ends as a rejected row with its reason; only a database failure reaches the host, whose
 * transaction is failing anyway.
 */
public final class TorpedoSmsHook implements SmsHook {

    private static final Logger log = LoggerFactory.getLogger(TorpedoSmsHook.class);
    static final String INTERNAL_ERROR = "internal-error";

    private final StoreSettingsRepository settings;
    private final MessageComposer composer;
    private final MessageRepository messages;
    private final SuppressionList suppressions;
    private final RestockEvents restocks;
    private final SendWindow window;
    private final QueueMetrics metrics;
    private final Clock clock;

    public TorpedoSmsHook(StoreSettingsRepository settings, MessageComposer composer, MessageRepository messages,
                          SuppressionList suppressions, RestockEvents restocks, SendWindow window,
                          QueueMetrics metrics, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.composer = Objects.requireNonNull(composer, "composer");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.suppressions = Objects.requireNonNull(suppressions, "suppressions");
        this.restocks = Objects.requireNonNull(restocks, "restocks");
        this.window = Objects.requireNonNull(window, "window");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public HookResult orderCreated(OrderCreated event) {
        Objects.requireNonNull(event, "event");
        StoreSettings store = settings.find(event.storeId());
        return record(MessageKind.ORDER_CREATED, event.storeId(), MessageComposer.orderCreatedKey(event.orderId()),
                TemplateKey.ORDER_RECEIVED, () -> composer.orderCreated(store, event));
    }

    @Override
    public HookResult orderStatusChanged(OrderStatusChanged event) {
        Objects.requireNonNull(event, "event");
        StoreSettings store = settings.find(event.storeId());
        return record(MessageKind.STATUS_CHANGED, event.storeId(),
                MessageComposer.statusChangedKey(event.orderId(), event.newStatusCode()), TemplateKey.STATUS_CHANGED,
                () -> composer.orderStatusChanged(store, event));
    }

    /** One row for the restock, whatever the number of subscribers: the dispatcher fans it out in waves. */
    @Override
    public HookResult productRestocked(ProductRestocked event) {
        Objects.requireNonNull(event, "event");
        var skip = composer.restockSkipReason(settings.find(event.storeId()), event);
        if (skip.isPresent()) {
            return HookResult.skipped(skip.get());
        }
        if (!HostIds.isValid(event.productId()) || (event.skuId() != null && !HostIds.isValid(event.skuId()))) {
            // No message row stands for a restock yet: the reason goes to the host and to the log.
            log.warn("Refused the restock of a product of store {}: its product or SKU id breaks the id rule ({})",
                    event.storeId(), Composition.PRODUCT_ID_INVALID);
            return HookResult.rejected(Composition.PRODUCT_ID_INVALID);
        }
        restocks.record(event);
        return HookResult.queued();
    }

    /**
     * Records a message the merchant sends by hand ("Testar", or an approved message from the order page).
     * It goes through the same rules as the events: window, suppression, extension handlers, idempotency.
     */
    public HookResult manual(MessageKind kind, StoreId store, String idempotencyKey, TemplateKey template,
                             Supplier<Composition> composition) {
        return record(kind, store, idempotencyKey, template, composition);
    }

    private HookResult record(MessageKind kind, StoreId store, String key, TemplateKey template,
                              Supplier<Composition> composition) {
        Composition result;
        try {
            result = composition.get();
        } catch (RuntimeException e) {
            // A bug of ours or an extension handler's must not fail the host's order.
            log.error("Could not compose the {} message {} of store {}; recorded as rejected", kind,
                    NumbersInText.masked(key), store, e);
            result = new Composition.Rejected(store, key, template, INTERNAL_ERROR);
        }
        if (result instanceof Composition.Skipped skipped) {
            return HookResult.skipped(skipped.reason());
        }
        if (result instanceof Composition.Rejected rejected) {
            log.info("Rejected the {} message {} of store {}: {}", kind, NumbersInText.masked(key), store,
                    rejected.reason());
            return messages.recordRejected(rejected, kind) ? HookResult.rejected(rejected.reason()) : HookResult.duplicate();
        }
        Composition.Composed message = (Composition.Composed) result;
        if (suppressions.isSuppressed(message.recipient())) {
            return messages.recordSkipped(message, kind, "suppressed")
                    ? HookResult.skipped("suppressed") : HookResult.duplicate();
        }
        if (!messages.enqueue(message, kind, window.nextOpening(message.recipient(), clock.instant()))) {
            return HookResult.duplicate();
        }
        metrics.enqueued(kind);
        return HookResult.queued();
    }
}
