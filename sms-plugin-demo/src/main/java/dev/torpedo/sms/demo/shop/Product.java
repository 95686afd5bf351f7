package dev.torpedo.sms.demo.shop;

import java.math.BigDecimal;

/** A product of a store's catalog, with its stock. */
public record Product(String storeId, String id, String name, String description, BigDecimal price, int stock) {

    public boolean soldOut() {
        return stock <= 0;
    }
}
