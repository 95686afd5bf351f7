package dev.torpedo.sms.demo.shop;

import dev.torpedo.sms.api.HookResult;
import dev.torpedo.sms.api.OrderCreated;
import dev.torpedo.sms.api.SmsHook;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Places an order: checks and takes the stock, stores the order and tells the plugin, all in one transaction, as
 * a host's checkout does. The plugin's hook never throws for the shopper's data; what it did comes back as a
 * {@link HookResult}, which the confirmation page shows.
 */
public final class Checkout {

    private final Products products;
    private final Orders orders;
    private final SmsHook sms;
    private final TransactionTemplate tx;
    private final Clock clock;

    public Checkout(Products products, Orders orders, SmsHook sms, TransactionTemplate tx, Clock clock) {
        this.products = products;
        this.orders = orders;
        this.sms = sms;
        this.tx = tx;
        this.clock = clock;
    }

    /** What the checkout did: an order placed (with what the plugin did), or why it was not. */
    public sealed interface Result {
        record Placed(Order order, HookResult sms) implements Result {
        }

        record Refused(String field, String message) implements Result {
        }
    }

    public Result place(Store store, Map<String, Integer> cart, String typedName, String typedMobile) {
        String name = typedName == null ? "" : typedName.strip();
        String mobile = typedMobile == null ? "" : typedMobile.strip();
        if (cart.isEmpty()) {
            return new Result.Refused("carrinho", "Seu carrinho está vazio.");
        }
        if (name.isEmpty() || name.length() > 120 || name.chars().anyMatch(Character::isISOControl)) {
            return new Result.Refused("nome", "Informe seu nome (até 120 caracteres).");
        }
        if (!mobile.matches("[0-9 ()+.-]{8,30}")) {
            return new Result.Refused("celular", "Informe seu celular com DDD, como (11) 91234-5678.");
        }
        return tx.execute(status -> {
            List<Order.Line> lines = new ArrayList<>();
            for (Map.Entry<String, Integer> item : cart.entrySet()) {
                Product product = products.lock(store.id(), item.getKey()).orElse(null);
                if (product == null || product.stock() < item.getValue()) {
                    status.setRollbackOnly();
                    return new Result.Refused("carrinho", product == null ? "Um produto do carrinho não existe mais."
                            : product.soldOut() ? product.name() + " esgotou. Tire-o do carrinho para continuar."
                            : "Só restam " + product.stock() + " unidade(s) de " + product.name() + ".");
                }
                products.setStock(store.id(), product.id(), product.stock() - item.getValue());
                lines.add(new Order.Line(product.id(), product.name(), item.getValue(), product.price()));
            }
            BigDecimal total = lines.stream().map(line -> line.price().multiply(BigDecimal.valueOf(line.quantity())))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            Order order = new Order(store.id(), orders.nextNumber(), name, mobile, total, OrderStatus.SUBMITTED, null,
                    clock.instant(), lines);
            orders.insert(order);
            HookResult result = sms.orderCreated(new OrderCreated(store.storeId(), order.number(), order.number(),
                    name, mobile, total, OrderStatus.SUBMITTED.name()));
            return new Result.Placed(order, result);
        });
    }
}
