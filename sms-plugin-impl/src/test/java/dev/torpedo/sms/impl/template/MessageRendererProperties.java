package dev.torpedo.sms.impl.template;

import dev.torpedo.sms.api.Contact;
import dev.torpedo.sms.api.MessageEncoding;
import dev.torpedo.sms.api.Sender;
import dev.torpedo.sms.api.TemplateKey;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MessageRendererProperties {

    private static final TemplateCatalog CATALOG = TemplateCatalog.loadApproved();
    private static final Sender SENDER = Sender.of("Loja da Ana");
    private static final Contact CONTACT = Contact.of("1133334444");

    @Provide
    Arbitrary<String> anyUnicode() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(400),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(400),
                Arbitraries.of("${7*7}", "<#assign x=1>", "${\"freemarker.template.utility.Execute\"?new()(\"id\")}",
                        "🎁", "\ud83d", "\udc00x", "ã".repeat(300)));
    }

    @Provide
    Arbitrary<TemplateKey> anyTemplate() {
        return Arbitraries.of(CATALOG.keys());
    }

    @Property(tries = 300)
    void renderingNeverThrowsAndKeepsItsPromisesForAnyValues(
            @ForAll("anyTemplate") TemplateKey key,
            @ForAll("anyUnicode") String name, @ForAll("anyUnicode") String product,
            @ForAll("anyUnicode") String label, @ForAll("anyUnicode") String tracking,
            @ForAll EncodingPolicy policy) {
        MessageRenderer renderer = new MessageRenderer(CATALOG, new RenderingOptions(policy, 1));
        Map<String, String> values = Map.of(
                TemplateVariables.CUSTOMER_NAME, name,
                TemplateVariables.PRODUCT_NAME, product,
                TemplateVariables.STATUS_LABEL, label,
                TemplateVariables.TRACKING_CODE, tracking,
                TemplateVariables.ORDER_NUMBER, "981");

        RenderResult result = renderer.render(key, SENDER, CONTACT, values);

        if (result instanceof RenderResult.Rendered rendered) {
            assertThat(rendered.text().segments()).isEqualTo(1);
            assertThat(rendered.text().text()).startsWith("Loja da Ana: ").endsWith(" Contato: 1133334444")
                    .doesNotContain("\n", "\r", "\u0000");
            if (policy == EncodingPolicy.TRANSLITERATE) {
                assertThat(rendered.text().encoding()).isEqualTo(MessageEncoding.GSM_7);
            }
        } else {
            assertThat(result).isInstanceOf(RenderResult.TooLong.class);
        }
    }
}
