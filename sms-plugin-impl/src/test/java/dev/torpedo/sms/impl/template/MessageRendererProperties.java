package dev.torpedo.sms.impl.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.torpedo.sms.api.Contact;
import dev.torpedo.sms.api.MessageEncoding;
import dev.torpedo.sms.api.Sender;
import dev.torpedo.sms.api.TemplateKey;
import dev.torpedo.sms.impl.testing.TextGen;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class MessageRendererProperties {

    private static final TemplateCatalog CATALOG = TemplateCatalog.loadApproved();
    private static final Sender SENDER = Sender.of("Loja da Ana");
    private static final Contact CONTACT = Contact.of("1133334444");

    /** The four free-text values a template may hold. */
    private record Values(String name, String product, String label, String tracking) {

        Map<String, String> asVariables() {
            return Map.of(
                    TemplateVariables.CUSTOMER_NAME, name,
                    TemplateVariables.PRODUCT_NAME, product,
                    TemplateVariables.STATUS_LABEL, label,
                    TemplateVariables.TRACKING_CODE, tracking,
                    TemplateVariables.ORDER_NUMBER, "981");
        }
    }

    @Test
    void renderingNeverThrowsAndKeepsItsPromisesForAnyValues() {
        qt().withExamples(300)
                .forAll(anyTemplate(), Generate.enumValues(EncodingPolicy.class), anyValues())
                .checkAssert(MessageRendererProperties::assertRendersWithinItsPromises);
    }

    private static void assertRendersWithinItsPromises(TemplateKey key, EncodingPolicy policy, Values values) {
        MessageRenderer renderer = new MessageRenderer(CATALOG, new RenderingOptions(policy, 1));

        RenderResult result = renderer.render(key, SENDER, CONTACT, values.asVariables());

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

    private static Gen<TemplateKey> anyTemplate() {
        return Generate.pick(List.copyOf(CATALOG.keys()));
    }

    private static Gen<Values> anyValues() {
        Gen<String> value = anyUnicode();
        return value.zip(value, value, value, Values::new);
    }

    /** Any text, Latin-1 text, and the values an attacker or an unlucky shopper would type. */
    private static Gen<String> anyUnicode() {
        return Generate.oneOf(
                TextGen.anyUtf16(400),
                TextGen.over(latin1(), 400),
                Generate.pick(List.of("${7*7}", "<#assign x=1>",
                        "${\"freemarker.template.utility.Execute\"?new()(\"id\")}",
                        "🎁", "\ud83d", "\udc00x", "ã".repeat(300))));
    }

    private static String latin1() {
        var chars = new StringBuilder();
        for (char c = '\u0000'; c <= '\u00ff'; c++) {
            chars.append(c);
        }
        return chars.toString();
    }
}
