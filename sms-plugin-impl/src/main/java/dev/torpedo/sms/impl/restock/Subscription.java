package dev.torpedo.sms.impl.restock;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.StoreId;

import java.time.Instant;

/**
 * One "Avise-me" signup, with the shopper's consent. {@code toString} masks the number.
 *
 * @param skuId      the SKU asked about, {@code null} for the product as a whole
 * @param recipient  the shopper's mobile, {@code null} once erased (retention or a removal request)
 * @param notifiedAt when a restock handled it, {@code null} before
 */
public record Subscription(long id, StoreId storeId, String productId, String skuId, MobileNumber recipient,
                           String consentVersion, Instant consentedAt, SubscriptionStatus status, Instant createdAt,
                           Instant notifiedAt) {
}
