package dev.torpedo.sms.impl.template;

import java.util.Map;

/**
 * Typical values for every template variable: what the admin's preview and "Testar" fill the approved texts
 * with, so that a merchant sees a real message and its real price.
 *
 * <pre>{@code
 * renderer.render(TemplateKey.SHIPPED, sender, contact, SampleValues.TYPICAL);
 * }</pre>
 */
public final class SampleValues {

    /** A shopper "Maria", order 12345 of R$ 189,90, shipped with a tracking code, a product with its link. */
    public static final Map<String, String> TYPICAL = Map.of(
            TemplateVariables.CUSTOMER_NAME, "Maria",
            TemplateVariables.ORDER_NUMBER, "12345",
            TemplateVariables.TOTAL, "R$ 189,90",
            TemplateVariables.STATUS_LABEL, "Em separação",
            TemplateVariables.TRACKING_CODE, "BR123456789BR",
            TemplateVariables.PRODUCT_NAME, "Camiseta Azul",
            TemplateVariables.PRODUCT_URL, "loja.com.br/p/123",
            TemplateVariables.UNSUBSCRIBE_URL, "loja.com.br/sair/2n9c-Xq3vB8kLm2",
            TemplateVariables.CODE, "482913");

    private SampleValues() {
    }
}
