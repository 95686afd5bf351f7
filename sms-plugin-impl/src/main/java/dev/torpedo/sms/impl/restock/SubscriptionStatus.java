package dev.torpedo.sms.impl.restock;

/** Where an "Avise-me" signup stands. */
public enum SubscriptionStatus {
    /** Waiting for the product to come back. */
    ACTIVE,
    /** Handled by a restock: the shopper was told, or the message's row says why not (opted out, invalid number). */
    NOTIFIED,
    /** The shopper (or a removal request) cancelled it before it was handled. */
    CANCELLED,
    /** No restock came in the store's time: never used, and its number erased. */
    EXPIRED
}
