package dev.torpedo.sms.impl.credit;

import dev.torpedo.sms.api.StoreId;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A credit purchase as the merchant and the platform operator see it.
 *
 * <pre>{@code
 * purchases.find(id).map(Purchase::creditOn);   // the business day its credits arrive, once paid
 * }</pre>
 *
 * @param paidOn     the payment date the operator confirmed, {@code null} until then
 * @param creditOn   the first business day after {@code paidOn}, {@code null} until paid
 * @param creditedAt when the credits reached the balance, {@code null} until then
 */
public record Purchase(long id, StoreId storeId, int credits, long amountCents, PurchaseStatus status,
                       Instant createdAt, LocalDate paidOn, LocalDate creditOn, Instant creditedAt) {
}
