package dev.torpedo.sms.api;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The host placed an order. A snapshot taken when the host fires the hook: the plugin keeps what it needs
 * and never reads the host's order again.
 *
 * <p>Nothing is refused here. What the shopper typed (name, mobile) is taken as it comes, and so are the host's
 * identifiers: a missing or bad phone, or an order id that breaks {@link HostIds}' rule, makes the plugin record a
 * rejected message, never fail the host's transaction.
 *
 * <pre>{@code
 * hook.orderCreated(new OrderCreated(StoreId.of("42"), "981", "2026-000981", "Ana Souza",
 *         "(11) 91234-5678", new BigDecimal("149.90"), "SUBMITTED"));
 * }</pre>
 *
 * @param storeId        the store that took the order
 * @param orderId        the host's order id, unique within the store (it makes the idempotency key; see {@link HostIds})
 * @param orderNumber    the number the shopper sees; the order id when the host has none
 * @param customerName   the shopper's name, may be empty
 * @param customerMobile the mobile as the shopper typed it, may be {@code null}
 * @param total          the order's total in reais, may be {@code null}
 * @param statusCode     the host's status code for the new order, may be {@code null}
 */
public record OrderCreated(
        StoreId storeId,
        String orderId,
        String orderNumber,
        String customerName,
        String customerMobile,
        BigDecimal total,
        String statusCode) {

    public OrderCreated {
        Objects.requireNonNull(storeId, "store id");
        orderId = Events.id(orderId);
        orderNumber = Events.orDefault(orderNumber, orderId);
        customerName = Events.orDefault(customerName, "");
    }
}
