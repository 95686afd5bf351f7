package dev.torpedo.sms.impl.credit;

import java.time.Instant;

/**
 * One movement of a store's credits, as the merchant's statement shows it.
 *
 * <pre>{@code
 * ledger.entries(StoreId.of("42"), 20).forEach(e -> System.out.println(e.kind() + " " + e.delta()));
 * }</pre>
 *
 * @param delta      credits added (positive) or taken (negative)
 * @param messages   how many messages a {@link Kind#DEBIT} paid for (1 for a {@link Kind#REFUND}), else 0
 * @param messageId  the message a {@link Kind#REFUND} is for, else {@code null}
 * @param purchaseId the purchase a {@link Kind#PURCHASE} credits, else {@code null}
 */
public record LedgerEntry(Kind kind, int delta, int messages, Long messageId, Long purchaseId, Instant createdAt) {

    /** Why the balance moved. */
    public enum Kind {
        /** The 10 credits every store gets once. */
        FREE_GRANT,
        /** A paid purchase, on its credit day. */
        PURCHASE,
        /** The segments of the messages one dispatcher claim paid for, one store's at a time. */
        DEBIT,
        /** A message that failed for good or was cancelled gets its credits back. */
        REFUND
    }
}
