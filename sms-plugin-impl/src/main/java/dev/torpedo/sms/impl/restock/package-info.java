/**
 * "Avise-me": shoppers sign up on a sold-out product's page ({@link dev.torpedo.sms.impl.restock.SubscriptionRepository}),
 * the restock hook records one event in the host's transaction ({@link dev.torpedo.sms.impl.restock.RestockEvents}),
 * and {@link dev.torpedo.sms.impl.restock.RestockFanOut} turns it into messages in waves, first come first served.
 *
 * <p>Choices: a subscription is used up by the first restock that reaches it (NOTIFIED), whether its message
 * was queued, skipped (the number opted out), rejected (an invalid number) or vetoed by a handler; so a shopper
 * hears once per signup. A SKU's restock reaches the shoppers of that SKU and those who asked for the product
 * as a whole; a product-level restock reaches every SKU's shoppers. A number signed up twice for what one
 * restock covers is told once per wave. Before every wave but the first the host's
 * {@link dev.torpedo.sms.api.spi.StockLevels} is asked: the first wave trusts the event itself, which says the
 * product just came in. An event stops, leaving its subscriptions waiting for the next restock, when the store's
 * mode has no alerts ({@code mode-off}), the host turned an inventory feature off ({@code alerts-paused}), the
 * store has no sender and contact ({@code store-not-configured}), the product was not sold out before
 * ({@code not-back-in-stock}) or is sold out again ({@code out-of-stock}). A number on the suppression list
 * may still sign up (the signup form is the storefront's business); its alert is recorded as SKIPPED, never sent.
 */
package dev.torpedo.sms.impl.restock;
