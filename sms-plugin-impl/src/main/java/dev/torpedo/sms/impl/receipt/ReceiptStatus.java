package dev.torpedo.sms.impl.receipt;

/**
 * What a provider's delivery receipt says about a message, in the plugin's terms. The webhook parsers map each
 * provider's own status words onto these; {@link DeliveryReceipts} decides what the message row becomes.
 *
 * <pre>{@code
 * ReceiptStatus status = ReceiptStatus.DELIVERED;    // Zenvia "DELIVERED", Twilio "delivered"
 * }</pre>
 */
public enum ReceiptStatus {
    /** The provider has the message or passed it to the carrier (Zenvia SENT; Twilio accepted, queued, sending, sent). */
    SENT,
    /** The handset got it (Zenvia DELIVERED, READ, VERIFIED; Twilio delivered, read). */
    DELIVERED,
    /**
     * The carrier could not deliver it, and the provider billed it all the same (Zenvia NOT_DELIVERED and
     * REJECTED; Twilio undelivered): the message fails, its credits are kept.
     */
    UNDELIVERED,
    /**
     * The provider never passed it on and does not bill it (Twilio failed, charged at most a processing fee):
     * the message fails and its credits are refunded.
     */
    NOT_SENT,
    /** A status that says nothing about delivery (Zenvia CLICKED, DELETED; Twilio received, canceled...): ignored. */
    OTHER
}
