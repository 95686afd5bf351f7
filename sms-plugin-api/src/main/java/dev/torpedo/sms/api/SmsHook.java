package dev.torpedo.sms.api;

/**
 * What the host calls when something a shopper may hear about happens. Call it from the host's order and
 * inventory code, inside the host's own transaction: the plugin only records the message there (one row,
 * no network), so a rollback sends nothing, and firing the same event twice sends once.
 *
 * <p>A call never throws because of the shopper's data: a missing or invalid phone, a huge or odd product
 * name. Such a message is recorded as rejected with its reason, and the host's transaction goes on.
 *
 * <pre>{@code
 * @Autowired SmsHook sms;
 *
 * @Transactional
 * public Order submit(Order order) {
 *     Order saved = orders.save(order);
 *     sms.orderCreated(new OrderCreated(StoreId.of(saved.getSiteId()), saved.getId().toString(),
 *             saved.getOrderNumber(), saved.getCustomerName(), saved.getPhone(), saved.getTotal(), "SUBMITTED"));
 *     return saved;
 * }
 * }</pre>
 */
public interface SmsHook {

    /** An order was placed: in modes 2, 3, 5 and 6 the shopper gets a thank-you message. */
    HookResult orderCreated(OrderCreated event);

    /** An order's status changed: in modes 3 and 6 the shopper hears about it. */
    HookResult orderStatusChanged(OrderStatusChanged event);

    /**
     * A product's stock changed: in modes 4, 5 and 6, when it came back from zero, the shoppers waiting for it
     * are told, in waves. The call itself records one event, however many shoppers wait.
     */
    HookResult productRestocked(ProductRestocked event);
}
