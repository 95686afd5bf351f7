package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.impl.i18n.Messages;
import java.util.Locale;

/**
 * Where a message stands. Every message ends in a final state the merchant can see; none is dropped silently.
 */
public enum MessageStatus {
    /** Waiting for its time (the send window, a retry's backoff). */
    QUEUED(false),
    /** Due, but the store has not enough credits; goes back to {@link #QUEUED} when credits arrive. */
    WAITING_CREDIT(false),
    /** Claimed by a dispatcher, which holds a lease on it while the provider is asked. */
    SENDING(false),
    /** The provider accepted it. */
    SENT(true),
    /** The provider reported it delivered to the handset. */
    DELIVERED(true),
    /** The provider refused it for good, or it kept failing past its maximum age; its credits were refunded. */
    FAILED(true),
    /** It could not be made: no valid mobile, too long, store not configured. Nothing was charged. */
    REJECTED(true),
    /** Not sent by rule: the number opted out (SAIR). Nothing was charged. */
    SKIPPED(true),
    /** The provider may or may not have it (a timeout after the request left, a crashed node): never resent blindly. */
    UNCERTAIN(true),
    /** Cancelled before it was sent (the shopper opted out meanwhile); its credits were refunded. */
    CANCELLED(true);

    private final boolean isFinal;

    MessageStatus(boolean isFinal) {
        this.isFinal = isFinal;
    }

    public boolean isFinal() {
        return isFinal;
    }

    /** The state in words for the merchant, such as "Aguardando crédito". */
    public String label(Locale locale) {
        return Messages.get("status." + name(), locale);
    }
}
