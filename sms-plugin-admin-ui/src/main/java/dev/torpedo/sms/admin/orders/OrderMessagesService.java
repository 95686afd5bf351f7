package dev.torpedo.sms.admin.orders;

import dev.torpedo.sms.admin.AdminUser;
import dev.torpedo.sms.admin.FormNonce;
import dev.torpedo.sms.admin.ManualSends;
import dev.torpedo.sms.admin.MessageDescriptions;
import dev.torpedo.sms.admin.Texts;
import dev.torpedo.sms.api.HookResult;
import dev.torpedo.sms.api.TemplateKey;
import dev.torpedo.sms.api.spi.StoreOrders;
import dev.torpedo.sms.impl.compose.MessageComposer;
import dev.torpedo.sms.impl.i18n.Reasons;
import dev.torpedo.sms.impl.queue.MessageKind;
import dev.torpedo.sms.impl.queue.MessageRepository;
import dev.torpedo.sms.impl.store.StoreSettings;
import dev.torpedo.sms.impl.store.StoreSettingsRepository;
import dev.torpedo.sms.impl.template.TemplateCatalog;
import dev.torpedo.sms.impl.template.TemplateCategory;
import dev.torpedo.sms.impl.template.TemplateVariables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The order page's SMS part: the order's messages with their state in words, and in modes 1 to 6 a manual send
 * of an approved order message. The number comes from the host's {@link StoreOrders}, never from the request.
 */
public final class OrderMessagesService {

    /** Order ids the pages accept: what a host's ids look like, and short enough for a message key. */
    private static final java.util.regex.Pattern ORDER_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final StoreSettingsRepository settings;
    private final MessageComposer composer;
    private final ManualSends sends;
    private final MessageRepository messages;
    private final TemplateCatalog catalog;
    private final Optional<StoreOrders> orders;
    private final MessageDescriptions descriptions;

    public OrderMessagesService(StoreSettingsRepository settings, MessageComposer composer, ManualSends sends,
                                MessageRepository messages, TemplateCatalog catalog, Optional<StoreOrders> orders,
                                MessageDescriptions descriptions) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.composer = Objects.requireNonNull(composer, "composer");
        this.sends = Objects.requireNonNull(sends, "manual sends");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.descriptions = Objects.requireNonNull(descriptions, "descriptions");
    }

    /**
     * The fragment's content.
     *
     * @param manualSend why no manual send is offered ({@code null} when one is), in words
     */
    public record View(String orderId, String orderNumber, List<MessageDescriptions.Described> messages,
                       Map<String, String> templates, String manualSend, String error) {
        public boolean canSend() {
            return manualSend == null;
        }
    }

    /** Whether {@code orderId} is an id the pages accept (else they answer 404). */
    public static boolean isOrderId(String orderId) {
        return orderId != null && ORDER_ID.matcher(orderId).matches();
    }

    public View view(AdminUser user, String orderId) {
        return view(user, orderId, null);
    }

    private View view(AdminUser user, String orderId, String error) {
        Texts t = new Texts(user.locale());
        Optional<StoreOrders.Order> order = order(user, orderId);
        StoreSettings store = settings.find(user.store());
        String why = orders.isEmpty() ? t.get("order.manual.no-orders")
                : order.isEmpty() ? t.get("order.unknown")
                : !store.mode().allowsManualSends() ? t.get("order.manual.mode-off")
                : !store.isComplete() ? t.get("order.manual.not-configured") : null;
        return new View(orderId, order.map(StoreOrders.Order::orderNumber).orElse(orderId),
                messages.ofOrder(user.store(), orderId).stream().map(m -> descriptions.describe(m, user.locale())).toList(),
                templates(t), why, error);
    }

    /**
     * Sends an approved order message by hand to the order's number.
     *
     * @return {@code null} when it was queued, else the fragment with the error
     */
    public View send(AdminUser user, String orderId, String typedTemplate, String nonce) {
        Texts t = new Texts(user.locale());
        View current = view(user, orderId);
        if (!current.canSend()) {
            return view(user, orderId, current.manualSend());
        }
        Optional<TemplateKey> template = orderTemplate(typedTemplate);
        if (template.isEmpty() || !FormNonce.isValid(nonce)) {
            return view(user, orderId, t.get("order.manual.template.error"));
        }
        StoreOrders.Order order = order(user, orderId).orElseThrow();
        Map<String, String> values = new LinkedHashMap<>();
        values.put(TemplateVariables.CUSTOMER_NAME, MessageComposer.firstName(order.customerName()));
        values.put(TemplateVariables.ORDER_NUMBER, order.orderNumber());
        values.put(TemplateVariables.STATUS_LABEL, Objects.requireNonNullElse(order.statusLabel(), ""));
        values.put(TemplateVariables.TRACKING_CODE, Objects.requireNonNullElse(order.trackingCode(), ""));
        String key = "order:" + orderId + ":manual:" + nonce;
        StoreSettings store = settings.find(user.store());
        HookResult result = sends.send(user, MessageKind.MANUAL, key, template.get(),
                () -> composer.manual(store, template.get(), order.customerMobile(), values, key), made -> null).result();
        return switch (result.outcome()) {
            case QUEUED, DUPLICATE -> null;
            case SKIPPED, REJECTED -> view(user, orderId, t.get("order.manual.refused",
                    Reasons.describe(result.reason(), user.locale())));
        };
    }

    private Optional<StoreOrders.Order> order(AdminUser user, String orderId) {
        return orders.flatMap(o -> o.find(user.store(), orderId));
    }

    private Optional<TemplateKey> orderTemplate(String typed) {
        try {
            return typed == null ? Optional.empty() : catalog.find(TemplateKey.of(typed))
                    .filter(t -> t.category() == TemplateCategory.ORDER && !t.key().equals(TemplateKey.TEST))
                    .map(t -> t.key());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Map<String, String> templates(Texts t) {
        Map<String, String> titles = new LinkedHashMap<>();
        catalog.all().stream()
                .filter(template -> template.category() == TemplateCategory.ORDER && !template.key().equals(TemplateKey.TEST))
                .forEach(template -> titles.put(template.key().value(), t.get("template." + template.key().value())));
        return titles;
    }
}
