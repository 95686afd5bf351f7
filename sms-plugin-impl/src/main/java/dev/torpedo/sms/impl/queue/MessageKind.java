package dev.torpedo.sms.impl.queue;

/** What made a message. */
public enum MessageKind {
    ORDER_CREATED,
    STATUS_CHANGED,
    BACK_IN_STOCK,
    /** Sent by the merchant from the order page. */
    MANUAL,
    /** "Testar". */
    TEST,
    /** The code a shopper asked for to prove their number before "Remover meus dados"; paid by the store. */
    DATA_REMOVAL
}
