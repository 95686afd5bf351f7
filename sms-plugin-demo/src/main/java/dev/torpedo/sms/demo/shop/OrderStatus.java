package dev.torpedo.sms.demo.shop;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** An order's status as the host names it; the codes are the ones the plugin maps to its approved templates. */
public enum OrderStatus {
    SUBMITTED("Recebido"),
    PAID("Pagamento aprovado"),
    SHIPPED("Enviado"),
    DELIVERED("Entregue"),
    CANCELLED("Cancelado");

    private final String label;

    OrderStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The statuses a merchant can move an order to. */
    public static List<OrderStatus> changes() {
        return List.of(PAID, SHIPPED, DELIVERED, CANCELLED);
    }

    public static Optional<OrderStatus> ofCode(String code) {
        return Arrays.stream(values()).filter(status -> status.name().equals(code)).findFirst();
    }
}
