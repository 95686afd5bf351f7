package dev.torpedo.sms.impl.queue;

/** What made a message. */
public enum MessageKind {
    ORDER_CREATED,
    STATUS_CHANGED,
    BACK_IN_STOCK,
    /** Sent by the merchant from the order page. */
    MANUAL,
    /** "Testar". */
    TEST
}
