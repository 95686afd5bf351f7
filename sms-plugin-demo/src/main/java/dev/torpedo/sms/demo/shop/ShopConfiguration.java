package dev.torpedo.sms.demo.shop;

import dev.torpedo.sms.api.SmsHook;
import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.spi.StockLevels;
import dev.torpedo.sms.api.spi.StoreOrders;
import dev.torpedo.sms.api.spi.StoreProfile;
import dev.torpedo.sms.api.spi.StoreProfiles;
import dev.torpedo.sms.api.spi.StorefrontStores;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shop's own parts, and the four SPIs through which the plugin asks the host about them: which store a page
 * belongs to, what a store has switched on, whether a product is in stock, and what an order holds.
 */
@Configuration(proxyBeanMethods = false)
public class ShopConfiguration {

    private static final Pattern STORE_PATH = Pattern.compile("^/loja/([a-z0-9-]{1,32})(/.*)?$");

    @Bean
    Stores stores(JdbcTemplate jdbc) {
        return new Stores(jdbc);
    }

    @Bean
    Products products(JdbcTemplate jdbc) {
        return new Products(jdbc);
    }

    @Bean
    Orders orders(JdbcTemplate jdbc) {
        return new Orders(jdbc);
    }

    @Bean
    Checkout checkout(Products products, Orders orders, SmsHook sms, TransactionTemplate tx, Clock clock) {
        return new Checkout(products, orders, sms, tx, clock);
    }

    @Bean
    OrderDesk orderDesk(Orders orders, SmsHook sms, TransactionTemplate tx) {
        return new OrderDesk(orders, sms, tx);
    }

    @Bean
    Inventory inventory(Products products, SmsHook sms, TransactionTemplate tx) {
        return new Inventory(products, sms, tx);
    }

    /** "Controle de estoque" and "Aviso de disponibilidade", as each store's "Dados da loja" has them. */
    @Bean
    StoreProfiles storeProfiles(Stores stores) {
        return store -> stores.find(store.value()).map(found -> new StoreProfile(found.name(),
                found.inventoryControl(), found.availabilityNotice()));
    }

    /** The shop serves each store under /loja/{store}. */
    @Bean
    StorefrontStores storefrontStores(Stores stores) {
        return page -> {
            Matcher path = STORE_PATH.matcher(page.getPath() == null ? "" : page.getPath());
            return path.matches() ? stores.find(path.group(1)).map(Store::storeId) : Optional.empty();
        };
    }

    @Bean
    StockLevels stockLevels(Products products) {
        return (store, product, sku) -> products.find(store.value(), product).map(found -> !found.soldOut())
                .orElse(false);
    }

    /** The order page's manual SMS goes to the number stored with the order. */
    @Bean
    StoreOrders storeOrders(Orders orders) {
        return (StoreId store, String number) -> orders.find(store.value(), number).map(order -> new StoreOrders.Order(
                order.number(), order.customerName(), order.customerMobile(), order.status().label(),
                order.trackingCode()));
    }
}
