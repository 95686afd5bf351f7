package dev.torpedo.sms.demo;

import java.util.concurrent.atomic.AtomicLong;

/** The demo's one product, sold out until someone restocks it. A real host asks its inventory. */
final class DemoCatalog {

    static final String PRODUCT_ID = "caneca-azul";
    static final String PRODUCT_NAME = "Caneca Azul Listrada";

    private final AtomicLong stock = new AtomicLong();

    boolean inStock(String productId) {
        return PRODUCT_ID.equals(productId) && stock.get() > 0;
    }

    long stock() {
        return stock.get();
    }

    /** Sets the stock and returns what it was. */
    long setStock(long units) {
        return stock.getAndSet(units);
    }
}
