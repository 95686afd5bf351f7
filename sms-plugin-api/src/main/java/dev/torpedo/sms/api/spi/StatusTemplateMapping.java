package dev.torpedo.sms.api.spi;

import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.TemplateKey;

import java.util.Optional;

/**
 * Maps a host's order status codes to approved templates. The plugin ships a mapping for common codes
 * (PAID, SHIPPED, DELIVERED, CANCELLED, ...); a host with its own codes declares a bean of this type.
 * A code it does not map gets the generic "status changed" message with the status label.
 *
 * <pre>{@code
 * @Bean StatusTemplateMapping statuses() {
 *     return (store, code) -> switch (code) {
 *         case "FATURADO" -> Optional.of(TemplateKey.PAYMENT_APPROVED);
 *         case "DESPACHADO" -> Optional.of(TemplateKey.SHIPPED);
 *         default -> Optional.empty();
 *     };
 * }
 * }</pre>
 */
@FunctionalInterface
public interface StatusTemplateMapping {

    /** The template for this status code, or empty for the generic status message. */
    Optional<TemplateKey> templateFor(StoreId storeId, String statusCode);
}
