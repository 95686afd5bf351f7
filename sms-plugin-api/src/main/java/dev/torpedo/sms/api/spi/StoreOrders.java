package dev.torpedo.sms.api.spi;

import dev.torpedo.sms.api.StoreId;
import java.util.Objects;
import java.util.Optional;

/**
 * The host's orders, as the order-page fragment needs them: a manual SMS goes to the number stored with the
 * order, never to one taken from the request. Without this SPI the order page lists the order's messages but
 * offers no manual send.
 *
 * <pre>{@code
 * @Bean StoreOrders storeOrders(OrderService orders) {
 *     return (store, orderId) -> orders.find(store.value(), orderId).map(o -> new StoreOrders.Order(
 *             o.getOrderNumber(), o.getCustomerName(), o.getPhone(), o.getStatusLabel(), o.getTrackingCode()));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface StoreOrders {

    /** The store's order with this id, or empty when the store has no such order. */
    Optional<Order> find(StoreId store, String orderId);

    /**
     * What a manual message about an order may say.
     *
     * @param orderNumber    the number the shopper knows
     * @param customerName   the shopper's name
     * @param customerMobile the mobile typed at checkout, as typed
     * @param statusLabel    the order's current status in words, such as "Em separação"
     * @param trackingCode   the shipment's tracking code, {@code null} when there is none
     */
    record Order(String orderNumber, String customerName, String customerMobile, String statusLabel,
                 String trackingCode) {
        public Order {
            Objects.requireNonNull(orderNumber, "order number");
            Objects.requireNonNull(customerMobile, "customer mobile");
        }
    }
}
