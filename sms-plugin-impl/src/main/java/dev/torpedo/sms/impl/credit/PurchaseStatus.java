package dev.torpedo.sms.impl.credit;

/** Where a credit purchase ("Comprar crédito") stands. */
public enum PurchaseStatus {
    /** Created by the merchant; the platform operator has not seen the payment yet. */
    PENDING_PAYMENT,
    /** The operator confirmed the payment; the credits arrive on the purchase's credit day. */
    PAID,
    /** The credits are on the store's balance. */
    CREDITED,
    /** Withdrawn before it was paid. */
    CANCELLED
}
