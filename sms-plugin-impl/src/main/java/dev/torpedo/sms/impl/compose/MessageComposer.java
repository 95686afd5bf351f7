package dev.torpedo.sms.impl.compose;

import dev.torpedo.sms.api.HostIds;
import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.OrderCreated;
import dev.torpedo.sms.api.OrderStatusChanged;
import dev.torpedo.sms.api.ProductRestocked;
import dev.torpedo.sms.api.TemplateKey;
import dev.torpedo.sms.api.extension.ExtensionResultHolder;
import dev.torpedo.sms.api.extension.MessageDraft;
import dev.torpedo.sms.api.extension.SmsExtensionManager;
import dev.torpedo.sms.api.spi.StatusTemplateMapping;
import dev.torpedo.sms.api.spi.StoreProfile;
import dev.torpedo.sms.api.spi.StoreProfiles;
import dev.torpedo.sms.impl.digest.Sha256;
import dev.torpedo.sms.impl.phone.PhoneNumberParser;
import dev.torpedo.sms.impl.phone.PhoneParseResult;
import dev.torpedo.sms.impl.store.StoreSettings;
import dev.torpedo.sms.impl.template.MessageRenderer;
import dev.torpedo.sms.impl.template.RenderResult;
import dev.torpedo.sms.impl.template.TemplateCatalog;
import dev.torpedo.sms.impl.template.TemplateVariables;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether an event makes a message, and makes it: the store's mode, the host's inventory features, the
 * extension handlers, the recipient's phone and the approved template all have their say here, in that order.
 * Pure: it touches no database and no network, so the hook can call it inside the host's transaction.
 *
 * <pre>{@code
 * Composition c = composer.orderCreated(settings, event);
 * if (c instanceof Composition.Composed message) queue.insert(message);
 * }</pre>
 */
public final class MessageComposer {

    private static final Locale PT_BR = Locale.forLanguageTag("pt-BR");

    private final TemplateCatalog catalog;
    private final MessageRenderer renderer;
    private final PhoneNumberParser phones;
    private final SmsExtensionManager extensions;
    private final StatusTemplateMapping statusMapping;
    private final StoreProfiles storeProfiles;

    public MessageComposer(TemplateCatalog catalog, MessageRenderer renderer, PhoneNumberParser phones,
                           SmsExtensionManager extensions, StatusTemplateMapping statusMapping,
                           StoreProfiles storeProfiles) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.phones = Objects.requireNonNull(phones, "phone parser");
        this.extensions = Objects.requireNonNull(extensions, "extension manager");
        this.statusMapping = Objects.requireNonNull(statusMapping, "status mapping");
        this.storeProfiles = Objects.requireNonNull(storeProfiles, "store profiles");
    }

    /** Idempotency key of an order's thank-you message. */
    public static String orderCreatedKey(String orderId) {
        return "order:" + keyPart(orderId) + ":created";
    }

    /** Idempotency key of the message for an order reaching a status. */
    public static String statusChangedKey(String orderId, String statusCode) {
        return "order:" + keyPart(orderId) + ":status:" + keyPart(statusCode);
    }

    /**
     * An identifier as it goes into a key: as it is when it keeps {@link HostIds}' rule; otherwise, for the
     * rejected row that records it, its printable start and a digest of the whole, so that the same bad event
     * still makes one row and the key fits its column.
     */
    private static String keyPart(String id) {
        if (HostIds.isValid(id)) {
            return id;
        }
        String printable = id.codePoints().limit(40).map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable + "~" + HexFormat.of().formatHex(Sha256.of(id), 0, 6);
    }

    /** The thank-you message, in modes 2, 3, 5 and 6. */
    public Composition orderCreated(StoreSettings settings, OrderCreated event) {
        if (!settings.mode().notifiesOrderCreated()) {
            return new Composition.Skipped(Composition.MODE_OFF);
        }
        if (!HostIds.isValid(event.orderId())) {
            return new Composition.Rejected(event.storeId(), orderCreatedKey(event.orderId()),
                    TemplateKey.ORDER_RECEIVED, Composition.ORDER_ID_INVALID);
        }
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(TemplateVariables.CUSTOMER_NAME, firstName(event.customerName()));
        variables.put(TemplateVariables.ORDER_NUMBER, event.orderNumber());
        variables.put(TemplateVariables.TOTAL, formatReais(event.total()));
        return compose(settings, TemplateKey.ORDER_RECEIVED, orderCreatedKey(event.orderId()), event,
                event.customerMobile(), variables);
    }

    /** The status message, in modes 3 and 6, with the template the handlers or the status mapping choose. */
    public Composition orderStatusChanged(StoreSettings settings, OrderStatusChanged event) {
        if (!settings.mode().notifiesStatusChanges()) {
            return new Composition.Skipped(Composition.MODE_OFF);
        }
        if (event.newStatusCode().equals(event.oldStatusCode())) {
            return new Composition.Skipped(Composition.STATUS_UNCHANGED);
        }
        String key = statusChangedKey(event.orderId(), event.newStatusCode());
        if (!HostIds.isValid(event.orderId()) || !HostIds.isValid(event.newStatusCode())) {
            return new Composition.Rejected(event.storeId(), key, TemplateKey.STATUS_CHANGED,
                    HostIds.isValid(event.orderId()) ? Composition.STATUS_CODE_INVALID : Composition.ORDER_ID_INVALID);
        }
        ExtensionResultHolder<TemplateKey> chosen = new ExtensionResultHolder<>();
        extensions.execute(handler -> handler.mapStatusTemplate(event, chosen));
        TemplateKey template = chosen.getResult()
                .or(() -> statusMapping.templateFor(event.storeId(), event.newStatusCode()))
                .orElse(TemplateKey.STATUS_CHANGED);
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(TemplateVariables.CUSTOMER_NAME, firstName(event.customerName()));
        variables.put(TemplateVariables.ORDER_NUMBER, event.orderNumber());
        variables.put(TemplateVariables.STATUS_LABEL, event.newStatusLabel());
        variables.put(TemplateVariables.TRACKING_CODE, event.tracking().orElse(""));
        return compose(settings, template, key, event, event.customerMobile(), variables);
    }

    /**
     * Why a restock sends no alert, if it sends none: the mode has no alerts, the host turned "Controle de
     * estoque" or "Aviso de disponibilidade" off (alerts pause), or the product was not sold out before.
     */
    public Optional<String> restockSkipReason(StoreSettings settings, ProductRestocked event) {
        if (!settings.mode().notifiesRestock()) {
            return Optional.of(Composition.MODE_OFF);
        }
        if (!alertsAvailable(settings)) {
            return Optional.of(Composition.ALERTS_PAUSED);
        }
        if (!event.isBackInStock()) {
            return Optional.of(Composition.NOT_BACK_IN_STOCK);
        }
        return Optional.empty();
    }

    /** Whether the host store still has both inventory features that restock alerts need. */
    public boolean alertsAvailable(StoreSettings settings) {
        return storeProfiles.profileOf(settings.storeId())
                .map(StoreProfile::supportsAvailabilityAlerts)
                .orElse(false);
    }

    /**
     * The "back in stock" alert for one "Avise-me" subscriber.
     *
     * @param idempotencyKey unique for this restock and subscriber, so that a wave re-run sends once
     */
    public Composition backInStock(StoreSettings settings, ProductRestocked event, String subscriberMobile,
                                   String idempotencyKey) {
        return restockAlert(settings, event).messageFor(subscriberMobile, idempotencyKey);
    }

    /**
     * The alerts of one restock: the mode and the host's inventory features are asked once here, not once per
     * subscriber (a wave may reach thousands, and {@link StoreProfiles} is the host's code).
     */
    public RestockAlert restockAlert(StoreSettings settings, ProductRestocked event) {
        return new RestockAlert(settings, event, restockSkipReason(settings, event).orElse(null));
    }

    /** The alerts of one restock, checked once; made per subscriber with {@link #messageFor}. */
    public final class RestockAlert {
        private final StoreSettings settings;
        private final ProductRestocked event;
        private final String skipReason;

        private RestockAlert(StoreSettings settings, ProductRestocked event, String skipReason) {
            this.settings = settings;
            this.event = event;
            this.skipReason = skipReason;
        }

        /** Why this restock alerts nobody, if it alerts nobody. */
        public Optional<String> skipReason() {
            return Optional.ofNullable(skipReason);
        }

        /** The alert for one subscriber; {@code idempotencyKey} is unique for this restock and subscriber. */
        public Composition messageFor(String subscriberMobile, String idempotencyKey) {
            return messageFor(subscriberMobile, null, idempotencyKey, null);
        }

        /**
         * The alert for a subscriber whose number was validated when it was stored: unless a handler changes
         * it, it is not read again (libphonenumber was three quarters of a fan-out's composition time).
         */
        public Composition messageFor(MobileNumber subscriber, String idempotencyKey) {
            return messageFor(subscriber.e164(), subscriber, idempotencyKey, null);
        }

        /**
         * The alert for a stored subscriber with the link that stops alerts (the approved text with "Sair: "), or
         * without it when {@code unsubscribeUrl} is {@code null}.
         */
        public Composition messageFor(MobileNumber subscriber, String idempotencyKey, String unsubscribeUrl) {
            return messageFor(subscriber.e164(), subscriber, idempotencyKey, unsubscribeUrl);
        }

        private Composition messageFor(String subscriberMobile, MobileNumber validated, String idempotencyKey,
                                       String unsubscribeUrl) {
            if (skipReason != null) {
                return new Composition.Skipped(skipReason);
            }
            Map<String, String> variables = new LinkedHashMap<>();
            variables.put(TemplateVariables.PRODUCT_NAME, event.productName());
            variables.put(TemplateVariables.PRODUCT_URL, Objects.requireNonNullElse(event.productUrl(), ""));
            TemplateKey template = TemplateKey.BACK_IN_STOCK;
            if (unsubscribeUrl != null) {
                template = TemplateKey.BACK_IN_STOCK_WITH_UNSUBSCRIBE;
                variables.put(TemplateVariables.UNSUBSCRIBE_URL, unsubscribeUrl);
            }
            return compose(settings, template, idempotencyKey, event, subscriberMobile, validated, variables);
        }
    }

    /**
     * A message the merchant sends by hand: "Testar" (any mode) or an approved message from the order page
     * (modes 1 to 6). Extension handlers see it as any other message.
     */
    public Composition manual(StoreSettings settings, TemplateKey template, String typedMobile,
                              Map<String, String> variables, String idempotencyKey) {
        if (!TemplateKey.TEST.equals(template) && !settings.mode().allowsManualSends()) {
            return new Composition.Skipped(Composition.MODE_OFF);
        }
        return compose(settings, template, idempotencyKey, new ManualSend(template), typedMobile, variables);
    }

    /**
     * "Testar": any approved message, filled with {@code variables}, to any number, in every mode (the seed's
     * way to try the service with the 10 free credits). Extension handlers see it as any other message.
     */
    public Composition test(StoreSettings settings, TemplateKey template, String typedMobile,
                            Map<String, String> variables, String idempotencyKey) {
        return compose(settings, template, idempotencyKey, new ManualSend(template), typedMobile, variables);
    }

    /** The renderer messages are made with: the admin's preview shows its results. */
    public MessageRenderer renderer() {
        return renderer;
    }

    /** What extension handlers see as the event of a manual send. */
    public record ManualSend(TemplateKey template) {
    }

    private Composition compose(StoreSettings settings, TemplateKey template, String idempotencyKey, Object event,
                                String typedMobile, Map<String, String> variables) {
        return compose(settings, template, idempotencyKey, event, typedMobile, null, variables);
    }

    /** @param validated {@code typedMobile} as already validated, or {@code null} */
    private Composition compose(StoreSettings settings, TemplateKey template, String idempotencyKey, Object event,
                                String typedMobile, MobileNumber validated, Map<String, String> variables) {
        if (catalog.find(template).isEmpty()) {
            return new Composition.Rejected(settings.storeId(), idempotencyKey, template, Composition.UNKNOWN_TEMPLATE);
        }
        if (!settings.isComplete()) {
            return new Composition.Rejected(settings.storeId(), idempotencyKey, template,
                    Composition.STORE_NOT_CONFIGURED);
        }
        MessageDraft draft = new MessageDraft(settings.storeId(), template, event, typedMobile, variables);
        extensions.execute(handler -> handler.prepareMessage(draft));
        if (draft.isVetoed()) {
            return new Composition.Skipped(Composition.VETOED + ": " + draft.vetoReason().orElse(""));
        }
        MobileNumber recipient;
        if (validated != null && validated.e164().equals(draft.recipient())) {
            recipient = validated;
        } else {
            PhoneParseResult phone = phones.parse(draft.recipient());
            if (!(phone instanceof PhoneParseResult.Valid valid)) {
                String reason = ((PhoneParseResult.Invalid) phone).reason().code();
                return new Composition.Rejected(settings.storeId(), idempotencyKey, template, reason);
            }
            recipient = valid.mobile();
        }
        RenderResult rendered = renderer.render(template, settings.sender(), settings.contact(), draft.variables());
        if (rendered instanceof RenderResult.Rendered ok) {
            return new Composition.Composed(settings.storeId(), idempotencyKey, template,
                    catalog.get(template).approvalReference(), recipient, ok.text(), ok.shortened());
        }
        return new Composition.Rejected(settings.storeId(), idempotencyKey, template, Composition.MESSAGE_TOO_LONG);
    }

    /** "Ana" of "Ana Souza": friendlier, and it leaves room in the segment. */
    public static String firstName(String customerName) {
        String name = customerName == null ? "" : customerName.strip();
        return name.split(" ", 2)[0];
    }

    /**
     * "R$ 1.234,56" with a plain space: the JDK's currency format puts a no-break space there, outside GSM-7.
     * Cents beyond two are rounded half-even, DecimalFormat's own rounding.
     */
    static String formatReais(BigDecimal total) {
        if (total == null) {
            return "";
        }
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(PT_BR));
        return "R$ " + format.format(total);
    }
}
