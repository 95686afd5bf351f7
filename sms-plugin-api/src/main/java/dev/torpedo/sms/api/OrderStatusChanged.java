package dev.torpedo.sms.api;

import java.util.Objects;
import java.util.Optional;

/**
 * An order moved from one status to another.
 *
 * <pre>{@code
 * hook.orderStatusChanged(new OrderStatusChanged(StoreId.of("42"), "981", "2026-000981", "Ana Souza",
 *         "11912345678", "PAID", "SHIPPED", "Enviado", "BR123456789BR"));
 * }</pre>
 *
 * @param storeId        the store of the order
 * @param orderId        the host's order id (see {@link HostIds})
 * @param orderNumber    the number the shopper sees; the order id when the host has none
 * @param customerName   the shopper's name, may be empty
 * @param customerMobile the mobile as the shopper typed it, may be {@code null}
 * @param oldStatusCode  the host's previous status code, may be {@code null}
 * @param newStatusCode  the host's new status code (it makes the idempotency key; see {@link HostIds})
 * @param newStatusLabel the new status as the shopper should read it ("Em separação"); the code when {@code null}
 * @param trackingCode   the carrier's tracking code, {@code null} when there is none
 */
public record OrderStatusChanged(
        StoreId storeId,
        String orderId,
        String orderNumber,
        String customerName,
        String customerMobile,
        String oldStatusCode,
        String newStatusCode,
        String newStatusLabel,
        String trackingCode) {

    public OrderStatusChanged {
        Objects.requireNonNull(storeId, "store id");
        orderId = Events.id(orderId);
        newStatusCode = Events.id(newStatusCode);
        orderNumber = Events.orDefault(orderNumber, orderId);
        customerName = Events.orDefault(customerName, "");
        newStatusLabel = Events.orDefault(newStatusLabel, newStatusCode);
        trackingCode = trackingCode == null || trackingCode.isBlank() ? null : trackingCode.strip();
    }

    /** The carrier's tracking code, when the host gave one. */
    public Optional<String> tracking() {
        return Optional.ofNullable(trackingCode);
    }
}
