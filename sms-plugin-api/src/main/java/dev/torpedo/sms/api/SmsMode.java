package dev.torpedo.sms.api;

import java.util.Arrays;

/**
 * A store's "Envio de SMS" setting: which events send a message on their own.
 *
 * <table>
 *   <caption>Modes</caption>
 *   <tr><th>code</th><th>order created</th><th>status change</th><th>back in stock</th><th>manual sends</th></tr>
 *   <tr><td>0 Desativado</td><td>–</td><td>–</td><td>–</td><td>–</td></tr>
 *   <tr><td>1 Manual</td><td>–</td><td>–</td><td>–</td><td>yes</td></tr>
 *   <tr><td>2 Pedido novo</td><td>yes</td><td>–</td><td>–</td><td>yes</td></tr>
 *   <tr><td>3 Alteração de status</td><td>yes</td><td>yes</td><td>–</td><td>yes</td></tr>
 *   <tr><td>4 Manual + Disponibilidade</td><td>–</td><td>–</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>5 Pedido novo + Disponibilidade</td><td>yes</td><td>–</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>6 Alteração de status + Disponibilidade</td><td>yes</td><td>yes</td><td>yes</td><td>yes</td></tr>
 * </table>
 *
 * <p>"Testar" (one approved message to any number) works in every mode, so it is not a flag here.
 *
 * <pre>{@code
 * SmsMode mode = SmsMode.fromCode(5);
 * mode.notifiesOrderCreated();   // true
 * mode.notifiesRestock();        // true
 * }</pre>
 */
public enum SmsMode {
    DISABLED(0, false, false, false),
    MANUAL(1, false, false, false),
    NEW_ORDER(2, true, false, false),
    STATUS_CHANGES(3, true, true, false),
    MANUAL_WITH_AVAILABILITY(4, false, false, true),
    NEW_ORDER_WITH_AVAILABILITY(5, true, false, true),
    STATUS_CHANGES_WITH_AVAILABILITY(6, true, true, true);

    private final int code;
    private final boolean orderCreated;
    private final boolean statusChanges;
    private final boolean restock;

    SmsMode(int code, boolean orderCreated, boolean statusChanges, boolean restock) {
        this.code = code;
        this.orderCreated = orderCreated;
        this.statusChanges = statusChanges;
        this.restock = restock;
    }

    /** The mode with this code (0 to 6), as the store setting stores it. */
    public static SmsMode fromCode(int code) {
        return Arrays.stream(values())
                .filter(mode -> mode.code == code)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("An SMS mode is a code from 0 to 6, not " + code));
    }

    public int code() {
        return code;
    }

    /** An order's thank-you message goes out when the order is placed. */
    public boolean notifiesOrderCreated() {
        return orderCreated;
    }

    /** A message goes out at each change of the order's status. */
    public boolean notifiesStatusChanges() {
        return statusChanges;
    }

    /** Shoppers who asked ("Avise-me") hear when a sold-out product is back. */
    public boolean notifiesRestock() {
        return restock;
    }

    /** The merchant may send an approved message from the order page. */
    public boolean allowsManualSends() {
        return this != DISABLED;
    }

    /**
     * Restock alerts need the host store's "Controle de estoque" and "Aviso de disponibilidade";
     * modes 4 to 6 can be chosen only when both are on.
     */
    public boolean requiresInventoryFeatures() {
        return restock;
    }
}
