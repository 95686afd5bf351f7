package dev.torpedo.sms.demo.shop;

import dev.torpedo.sms.api.HookResult;
import dev.torpedo.sms.api.OrderStatusChanged;
import dev.torpedo.sms.api.SmsHook;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Optional;

/** The merchant moves a stored order to another status; the plugin hears of it in the same transaction. */
public final class OrderDesk {

    private final Orders orders;
    private final SmsHook sms;
    private final TransactionTemplate tx;

    public OrderDesk(Orders orders, SmsHook sms, TransactionTemplate tx) {
        this.orders = orders;
        this.sms = sms;
        this.tx = tx;
    }

    /** What the change did: the plugin's answer, or why nothing changed. */
    public sealed interface Result {
        record Changed(OrderStatus status, HookResult sms) implements Result {
        }

        record Refused(String message) implements Result {
        }
    }

    public Result changeStatus(Store store, String number, String statusCode, String typedTracking) {
        Optional<OrderStatus> status = OrderStatus.ofCode(statusCode).filter(OrderStatus.changes()::contains);
        if (status.isEmpty()) {
            return new Result.Refused("Escolha um dos status da lista.");
        }
        String tracking = typedTracking == null || typedTracking.isBlank() ? null : typedTracking.strip().toUpperCase();
        if (tracking != null && !tracking.matches("[A-Z0-9]{8,20}")) {
            return new Result.Refused("O código de rastreio tem de 8 a 20 letras e números, como BR123456789BR.");
        }
        return tx.execute(transaction -> {
            Order order = orders.find(store.id(), number).orElse(null);
            if (order == null) {
                return new Result.Refused("Este pedido não existe nesta loja.");
            }
            if (order.status() == status.get()) {
                return new Result.Refused("O pedido já está " + status.get().label().toLowerCase() + ".");
            }
            orders.changeStatus(store.id(), number, status.get(), tracking);
            HookResult result = sms.orderStatusChanged(new OrderStatusChanged(store.storeId(), number, number,
                    order.customerName(), order.customerMobile(), order.status().name(), status.get().name(),
                    status.get().label(), tracking != null ? tracking : order.trackingCode()));
            return new Result.Changed(status.get(), result);
        });
    }
}
