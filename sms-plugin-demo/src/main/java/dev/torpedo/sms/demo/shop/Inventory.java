package dev.torpedo.sms.demo.shop;

import dev.torpedo.sms.api.HookResult;
import dev.torpedo.sms.api.ProductRestocked;
import dev.torpedo.sms.api.SmsHook;
import org.springframework.transaction.support.TransactionTemplate;

/** The merchant sets a product's stock; a product back in stock tells the plugin, in the same transaction. */
public final class Inventory {

    static final int MAX_UNITS = 9_999;

    private final Products products;
    private final SmsHook sms;
    private final TransactionTemplate tx;

    public Inventory(Products products, SmsHook sms, TransactionTemplate tx) {
        this.products = products;
        this.sms = sms;
        this.tx = tx;
    }

    /** What the change did: the stock set (with the plugin's answer), or why nothing changed. */
    public sealed interface Result {
        record Set(Product product, int units, HookResult sms) implements Result {
        }

        record Refused(String message) implements Result {
        }
    }

    /** @param productUrl the product's page, which an "Avise-me" alert links to */
    public Result setStock(Store store, String productId, String typedUnits, String productUrl) {
        int units;
        try {
            units = Integer.parseInt(typedUnits == null ? "" : typedUnits.strip());
        } catch (NumberFormatException e) {
            units = -1;
        }
        if (units < 0 || units > MAX_UNITS) {
            return new Result.Refused("Informe o estoque em unidades, de 0 a " + MAX_UNITS + ".");
        }
        int stock = units;
        return tx.execute(status -> {
            Product product = products.lock(store.id(), productId).orElse(null);
            if (product == null) {
                return new Result.Refused("Este produto não existe nesta loja.");
            }
            products.setStock(store.id(), product.id(), stock);
            HookResult result = sms.productRestocked(new ProductRestocked(store.storeId(), product.id(), null,
                    product.name(), productUrl, product.stock(), stock));
            return new Result.Set(product, stock, result);
        });
    }
}
