package dev.torpedo.sms.impl.compose;

import dev.torpedo.sms.api.StoreId;
import dev.torpedo.sms.api.TemplateKey;
import dev.torpedo.sms.api.spi.StatusTemplateMapping;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the status codes Broadleaf-style hosts commonly use, in English and Portuguese, to the approved templates.
 * A host with other codes declares its own {@link StatusTemplateMapping}.
 */
public final class DefaultStatusTemplateMapping implements StatusTemplateMapping {

    private static final Map<String, TemplateKey> BY_CODE = Map.ofEntries(
            Map.entry("PAID", TemplateKey.PAYMENT_APPROVED),
            Map.entry("PAYMENT_APPROVED", TemplateKey.PAYMENT_APPROVED),
            Map.entry("PAYMENT_CONFIRMED", TemplateKey.PAYMENT_APPROVED),
            Map.entry("PAGO", TemplateKey.PAYMENT_APPROVED),
            Map.entry("PAGAMENTO_APROVADO", TemplateKey.PAYMENT_APPROVED),
            Map.entry("SHIPPED", TemplateKey.SHIPPED),
            Map.entry("FULFILLED", TemplateKey.SHIPPED),
            Map.entry("DISPATCHED", TemplateKey.SHIPPED),
            Map.entry("ENVIADO", TemplateKey.SHIPPED),
            Map.entry("DESPACHADO", TemplateKey.SHIPPED),
            Map.entry("DELIVERED", TemplateKey.DELIVERED),
            Map.entry("ENTREGUE", TemplateKey.DELIVERED),
            Map.entry("CANCELLED", TemplateKey.CANCELLED),
            Map.entry("CANCELED", TemplateKey.CANCELLED),
            Map.entry("CANCELADO", TemplateKey.CANCELLED));

    @Override
    public Optional<TemplateKey> templateFor(StoreId storeId, String statusCode) {
        if (statusCode == null) {
            return Optional.empty();
        }
        String folded = Normalizer.normalize(statusCode.strip(), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .replace(' ', '_')
                .replace('-', '_')
                .toUpperCase(Locale.ROOT);
        return Optional.ofNullable(BY_CODE.get(folded));
    }
}
