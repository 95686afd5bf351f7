package dev.torpedo.sms.api.spi;

import dev.torpedo.sms.api.StoreId;
import java.net.URI;
import java.util.Optional;

/**
 * Which store a shopper's request is for, as the host tells its stores apart: by domain ({@code loja-da-ana.com.br})
 * or by path ({@code /loja/ana/...}). The plugin's storefront endpoints ("Avise-me", unsubscribe) act on this store
 * only, never on a store id taken from a form.
 *
 * <pre>{@code
 * @Bean StorefrontStores storefrontStores(SiteResolver sites) {
 *     return url -> sites.byDomain(url.getHost()).map(site -> StoreId.of(site.getId()));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface StorefrontStores {

    /** The store that serves {@code requestUrl} (the page the shopper is on), or empty when none does. */
    Optional<StoreId> storeServing(URI requestUrl);
}
