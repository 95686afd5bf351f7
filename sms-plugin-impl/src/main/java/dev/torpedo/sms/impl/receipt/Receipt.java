package dev.torpedo.sms.impl.receipt;

import java.time.Instant;
import java.util.Objects;

/**
 * One delivery receipt, as a provider's webhook reported it and its parser normalized it.
 *
 * <pre>{@code
 * new Receipt("zenvia", "4c2c5f6e-...", ReceiptStatus.DELIVERED, "DELIVERED", Instant.parse("2026-03-10T15:00:04Z"), 42L);
 * }</pre>
 *
 * @param gateway           the gateway that sent the message, as the dispatcher recorded it ({@code zenvia}, {@code twilio})
 * @param providerMessageId the provider's id of the message, as its send answered
 * @param status            what the receipt says
 * @param code              the provider's error code for a failure, else its status word; may be {@code null}
 * @param occurredAt        when the provider says it happened; {@code null} when it does not say (then: now)
 * @param messageId         the plugin's own message id, when the provider echoes it back (Zenvia's
 *                          {@code externalId}); it is how a receipt finds an UNCERTAIN message, whose provider id
 *                          was never learnt; may be {@code null}
 */
public record Receipt(String gateway, String providerMessageId, ReceiptStatus status, String code, Instant occurredAt,
                      Long messageId) {

    public Receipt {
        if (gateway == null || gateway.isBlank()) {
            throw new IllegalArgumentException("A receipt names its gateway");
        }
        if (providerMessageId == null || providerMessageId.isBlank()) {
            throw new IllegalArgumentException("A receipt names the provider's message id");
        }
        Objects.requireNonNull(status, "status");
    }

    /** A receipt that does not echo the plugin's message id. */
    public Receipt(String gateway, String providerMessageId, ReceiptStatus status, String code, Instant occurredAt) {
        this(gateway, providerMessageId, status, code, occurredAt, null);
    }
}
