package dev.torpedo.sms.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names one approved message template. The plugin ships the catalog; a store cannot edit it, because
 * carriers approve every text. Host developers use these keys to map their own status codes.
 *
 * <pre>{@code
 * TemplateKey key = TemplateKey.SHIPPED;
 * TemplateKey same = TemplateKey.of("order-shipped");
 * }</pre>
 */
public record TemplateKey(String value) {

    private static final Pattern VALID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** Thank-you for a new order. */
    public static final TemplateKey ORDER_RECEIVED = new TemplateKey("order-received");
    /** Any status change, with the status label. */
    public static final TemplateKey STATUS_CHANGED = new TemplateKey("order-status-changed");
    public static final TemplateKey PAYMENT_APPROVED = new TemplateKey("order-payment-approved");
    /** Shipped, with the tracking code when there is one. */
    public static final TemplateKey SHIPPED = new TemplateKey("order-shipped");
    public static final TemplateKey DELIVERED = new TemplateKey("order-delivered");
    public static final TemplateKey CANCELLED = new TemplateKey("order-cancelled");
    /** "Avise-me": the product is back in stock, with its name and link. */
    public static final TemplateKey BACK_IN_STOCK = new TemplateKey("product-back-in-stock");
    /** The same alert with the shopper's link to stop alerts ("Sair: ..."), for stores that enable it. */
    public static final TemplateKey BACK_IN_STOCK_WITH_UNSUBSCRIBE = new TemplateKey("product-back-in-stock-unsubscribe");
    /** The one-time code that proves a number is the shopper's before "Remover meus dados" erases it. */
    public static final TemplateKey DATA_REMOVAL_CODE = new TemplateKey("data-removal-code");
    /** The "Testar" message a merchant sends to try the service. */
    public static final TemplateKey TEST = new TemplateKey("test-message");

    public TemplateKey {
        Objects.requireNonNull(value, "template key");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("A template key is lowercase words joined by '-': " + Text.quote(value));
        }
    }

    public static TemplateKey of(String value) {
        return new TemplateKey(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
