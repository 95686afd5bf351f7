package dev.torpedo.sms.api;

import java.util.Objects;

/**
 * A product's stock changed. Shoppers who asked to be told ("Avise-me") hear about it when the product
 * went from sold out to available.
 *
 * <pre>{@code
 * hook.productRestocked(new ProductRestocked(StoreId.of("42"), "p-77", "sku-77-azul",
 *         "Caneca Azul", "https://loja.example/caneca-azul", 0, 25));
 * }</pre>
 *
 * @param storeId        the store of the product
 * @param productId      the host's product id (subscriptions are kept per product or SKU; see {@link HostIds})
 * @param skuId          the SKU that came back, {@code null} when the product has a single SKU
 * @param productName    the name shoppers know the product by
 * @param productUrl     the product page, may be {@code null}
 * @param quantityBefore units in stock before the change (negative when the host oversold)
 * @param quantityAfter  units in stock after the change
 */
public record ProductRestocked(
        StoreId storeId,
        String productId,
        String skuId,
        String productName,
        String productUrl,
        long quantityBefore,
        long quantityAfter) {

    public ProductRestocked {
        Objects.requireNonNull(storeId, "store id");
        productId = Events.id(productId);
        skuId = skuId == null || skuId.isBlank() ? null : skuId.strip();
        productName = Events.orDefault(productName, "");
    }

    /**
     * The product went from none in stock (or fewer than none: oversold) to some: the moment "Avise-me"
     * subscribers wait for.
     */
    public boolean isBackInStock() {
        return quantityBefore <= 0 && quantityAfter > 0;
    }

    /** The units that came in and can be sold: those that only covered an oversold stock are not. */
    public long quantityRestocked() {
        return Math.max(0, quantityAfter - Math.max(0, quantityBefore));
    }
}
