package dev.torpedo.sms.impl.template;

import java.util.Set;

/**
 * The variables approved templates may use. Every one is always present (empty when unknown), so a template
 * can test it with {@code ?has_content} and rendering never fails on a missing value.
 */
public final class TemplateVariables {

    public static final String CUSTOMER_NAME = "customerName";
    public static final String ORDER_NUMBER = "orderNumber";
    public static final String TOTAL = "total";
    public static final String STATUS_LABEL = "statusLabel";
    public static final String TRACKING_CODE = "trackingCode";
    public static final String PRODUCT_NAME = "productName";
    public static final String PRODUCT_URL = "productUrl";
    /** The shopper's own signed link that stops the alerts, when the store enables it. */
    public static final String UNSUBSCRIBE_URL = "unsubscribeUrl";
    /** A one-time code the shopper types back, such as the one that proves a number before its data is removed. */
    public static final String CODE = "code";

    static final Set<String> ALL = Set.of(CUSTOMER_NAME, ORDER_NUMBER, TOTAL, STATUS_LABEL, TRACKING_CODE, PRODUCT_NAME,
            PRODUCT_URL, UNSUBSCRIBE_URL, CODE);

    /** Cut one of these and the message becomes wrong (a broken link, another order): they are never shortened. */
    static final Set<String> NEVER_SHORTENED = Set.of(ORDER_NUMBER, TOTAL, TRACKING_CODE, PRODUCT_URL, UNSUBSCRIBE_URL,
            CODE);

    private TemplateVariables() {
    }
}
