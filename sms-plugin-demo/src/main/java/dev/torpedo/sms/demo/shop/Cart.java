package dev.torpedo.sms.demo.shop;

import jakarta.servlet.http.HttpSession;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/** A shopper's cart in one store, kept in the session: product id to quantity, in the order added. */
public final class Cart implements Serializable {

    static final int MAX_QUANTITY = 10;

    private final LinkedHashMap<String, Integer> quantities = new LinkedHashMap<>();

    /** The session's cart for {@code storeId}, made empty the first time. */
    public static Cart of(HttpSession session, String storeId) {
        String key = "demo.cart." + storeId;
        Cart cart = (Cart) session.getAttribute(key);
        if (cart == null) {
            cart = new Cart();
            session.setAttribute(key, cart);
        }
        return cart;
    }

    /** Adds units of a product, up to {@value #MAX_QUANTITY} of each. */
    public synchronized void add(String productId, int units) {
        quantities.merge(productId, units, (a, b) -> Math.min(MAX_QUANTITY, a + b));
    }

    public synchronized void remove(String productId) {
        quantities.remove(productId);
    }

    public synchronized Map<String, Integer> quantities() {
        return new LinkedHashMap<>(quantities);
    }

    public synchronized boolean isEmpty() {
        return quantities.isEmpty();
    }

    public synchronized int units() {
        return quantities.values().stream().mapToInt(Integer::intValue).sum();
    }

    public synchronized void clear() {
        quantities.clear();
    }
}
