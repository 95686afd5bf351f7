package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.StoreId;

import java.time.Instant;

/**
 * One row of the message table as the merchant's list and the tests see it. The recipient is masked: the full
 * number stays in the database for the dispatcher.
 *
 * @param requestedBy the admin user who asked for it by hand ("Testar", the order page, "Reenviar"), else null
 * @param resendOf    the UNCERTAIN message this one resends, else null
 */
public record QueuedMessage(long id, StoreId storeId, String idempotencyKey, MessageKind kind, String templateKey,
                            String recipientMasked, String body, int segments, MessageStatus status, String reason,
                            Instant notBefore, int attempts, int creditsDebited, String providerMessageId,
                            Instant createdAt, Instant sentAt, String requestedBy, Long resendOf) {
}
