package dev.torpedo.sms.api.spi;

import dev.torpedo.sms.api.StoreId;

/**
 * The host says whether a product is in stock right now. A restock alert goes out in waves, first come first
 * served; before each later wave the plugin asks, and a product sold out again stops the alert there: the
 * shoppers not yet told keep their "Avise-me" for the next restock.
 *
 * <pre>{@code
 * @Bean StockLevels stockLevels(InventoryService inventory) {
 *     return (store, productId, skuId) -> skuId == null
 *             ? inventory.quantityOfProduct(store.value(), productId) > 0
 *             : inventory.quantityOfSku(store.value(), skuId) > 0;
 * }
 * }</pre>
 */
@FunctionalInterface
public interface StockLevels {

    /**
     * Whether the product (or its SKU) can be bought now.
     *
     * @param skuId the SKU of the restock, {@code null} when the product has a single SKU or the restock was
     *              of the product as a whole
     */
    boolean isInStock(StoreId storeId, String productId, String skuId);
}
