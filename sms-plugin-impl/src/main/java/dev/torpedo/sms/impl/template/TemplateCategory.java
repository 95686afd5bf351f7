package dev.torpedo.sms.impl.template;

/** How carriers class an approved text. */
public enum TemplateCategory {
    /** About the shopper's own order: thank-you, status, the merchant's test. */
    ORDER,
    /** A notice the shopper asked for: "Avise-me", back in stock. */
    ALERT,
    /** The plugin's own service messages to a shopper, such as the code that proves a number before its data is removed. */
    SERVICE
}
