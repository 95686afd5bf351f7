package dev.torpedo.sms.api.spi;

import dev.torpedo.sms.api.StoreId;

/**
 * Shortens the product link an "Avise-me" alert carries, so that the alert stays one SMS: a host with its own
 * short links ({@code loja.com.br/p/123}) or a link shortener implements it. Asked once per restock, in the
 * background, never in the host's transaction; a failure keeps the link as the restock gave it.
 *
 * <pre>{@code
 * @Bean ProductLinks productLinks(ShortLinks shortLinks) {
 *     return (store, productId, url) -> shortLinks.shorten(url);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ProductLinks {

    /** The link to put in the alert for {@code productUrl}; {@code productUrl} itself to keep it. */
    String linkFor(StoreId store, String productId, String productUrl);
}
