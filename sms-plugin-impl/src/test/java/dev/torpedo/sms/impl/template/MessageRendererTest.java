package dev.torpedo.sms.impl.template;

import dev.torpedo.sms.api.Contact;
import dev.torpedo.sms.api.MessageEncoding;
import dev.torpedo.sms.api.Sender;
import dev.torpedo.sms.api.TemplateKey;
import dev.torpedo.sms.api.spi.SmsProfile;
import dev.torpedo.sms.impl.encoding.EncodedText;
import dev.torpedo.sms.impl.encoding.SegmentCounter;
import dev.torpedo.sms.impl.gateway.zenvia.ZenviaSmsGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.torpedo.sms.impl.template.TemplateVariables.CUSTOMER_NAME;
import static dev.torpedo.sms.impl.template.TemplateVariables.ORDER_NUMBER;
import static dev.torpedo.sms.impl.template.TemplateVariables.PRODUCT_NAME;
import static dev.torpedo.sms.impl.template.TemplateVariables.PRODUCT_URL;
import static dev.torpedo.sms.impl.template.TemplateVariables.STATUS_LABEL;
import static dev.torpedo.sms.impl.template.TemplateVariables.TOTAL;
import static dev.torpedo.sms.impl.template.TemplateVariables.TRACKING_CODE;
import static org.assertj.core.api.Assertions.assertThat;

class MessageRendererTest {

    static final TemplateCatalog CATALOG = TemplateCatalog.loadApproved();
    static final Sender SENDER = Sender.of("Loja da Ana");
    static final Contact CONTACT = Contact.of("sac@lojadaana.com.br");

    private final MessageRenderer renderer = new MessageRenderer(CATALOG, RenderingOptions.defaults());

    /** Values as a typical Brazilian store has them. */
    static Map<String, String> typicalValues() {
        return Map.of(
                CUSTOMER_NAME, "Conceição",
                ORDER_NUMBER, "2026-000981",
                TOTAL, "R$ 1.249,90",
                STATUS_LABEL, "Em separação",
                TRACKING_CODE, "BR123456789BR",
                PRODUCT_NAME, "Caneca Azul Listrada 350ml",
                PRODUCT_URL, "https://lojadaana.com.br/p/caneca-azul");
    }

    static Stream<TemplateKey> everyTemplate() {
        return CATALOG.keys().stream();
    }

    private EncodedText rendered(RenderResult result) {
        assertThat(result).isInstanceOf(RenderResult.Rendered.class);
        return ((RenderResult.Rendered) result).text();
    }

    @ParameterizedTest
    @MethodSource("everyTemplate")
    void everyApprovedTextFitsOneGsm7SegmentWithTypicalValues(TemplateKey key) {
        EncodedText text = rendered(renderer.render(key, SENDER, CONTACT, typicalValues()));

        assertThat(text.encoding()).isEqualTo(MessageEncoding.GSM_7);
        assertThat(text.segments()).isEqualTo(1);
        assertThat(((RenderResult.Rendered) renderer.render(key, SENDER, CONTACT, typicalValues())).shortened()).isFalse();
    }

    /** Every template under every profile the plugin ships (Twilio and the webhook count by GSM 03.38). */
    static Stream<Arguments> everyTemplateUnderEveryBuiltInProfile() {
        return everyTemplate().flatMap(key -> Stream.of(SmsProfile.GSM_03_38, ZenviaSmsGateway.PROFILE)
                .map(profile -> Arguments.of(key, profile)));
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("everyTemplateUnderEveryBuiltInProfile")
    void everyApprovedTextStaysStandardInOnePartUnderEveryProfileWithTypicalValues(TemplateKey key, SmsProfile profile) {
        MessageRenderer under = new MessageRenderer(CATALOG, RenderingOptions.defaults().forProfile(profile));
        for (Map<String, String> values : List.of(typicalValues(), SampleValues.TYPICAL)) {
            RenderResult result = under.render(key, SENDER, CONTACT, values);
            EncodedText text = rendered(result);

            assertThat(text.encoding()).as(text.text()).isEqualTo(MessageEncoding.GSM_7);
            assertThat(text.segments()).isEqualTo(1);
            assertThat(((RenderResult.Rendered) result).shortened()).isFalse();
            // And the approved words themselves (the source less its ${values} and <#directives>) need none.
            String words = CATALOG.get(key).source().replaceAll("\\$\\{[^}]*}|</?#[^>]*>", "");
            assertThat(SegmentCounter.isStandard(words, profile)).as(words).isTrue();
        }
    }

    @Test
    void underZenviaAValueWithEAcuteAndCCedillaIsTransliteratedAndChargedAsZenviaCounts() {
        MessageRenderer zenvia = new MessageRenderer(CATALOG,
                new RenderingOptions(EncodingPolicy.TRANSLITERATE, 3, ZenviaSmsGateway.PROFILE));
        Map<String, String> values = Map.of(CUSTOMER_NAME, "José Conceição Araújo Gonçalves Müller Peña",
                ORDER_NUMBER, "2026-000981", TOTAL, "R$ 1.249,90");

        EncodedText underZenvia = rendered(zenvia.render(TemplateKey.ORDER_RECEIVED, Sender.of("Café & Cia"), CONTACT, values));
        EncodedText underGsm = rendered(new MessageRenderer(CATALOG, new RenderingOptions(EncodingPolicy.TRANSLITERATE, 3))
                .render(TemplateKey.ORDER_RECEIVED, Sender.of("Café & Cia"), CONTACT, values));

        assertThat(underZenvia.text()).startsWith("Cafe & Cia: Ola Jose Conceicao Araujo Goncalves Muller Pena, recebemos");
        assertThat(underGsm.text()).startsWith("Café & Cia: Ola José Conceicao Araujo Goncalves Müller Peña, recebemos");
        assertThat(underZenvia.encoding()).isEqualTo(MessageEncoding.GSM_7);
        assertThat(underZenvia.segments()).isEqualTo(SegmentCounter.encode(underZenvia.text(), ZenviaSmsGateway.PROFILE).segments());
        // 161 characters or more: two parts either way, but cut as each provider cuts.
        assertThat(underZenvia.segments()).isEqualTo(2);
    }

    @Test
    void aMessageStartsWithTheSenderAndEndsWithTheContact() {
        EncodedText text = rendered(renderer.render(TemplateKey.SHIPPED, SENDER, CONTACT, typicalValues()));

        assertThat(text.text()).isEqualTo(
                "Loja da Ana: Seu pedido 2026-000981 foi enviado! Rastreio: BR123456789BR Contato: sac@lojadaana.com.br");
        assertThat(text.credits()).isEqualTo(1);
    }

    @Test
    void optionalPartsDisappearWhenTheValueIsEmpty() {
        EncodedText text = rendered(renderer.render(TemplateKey.SHIPPED, SENDER, Contact.of("1133334444"),
                Map.of(ORDER_NUMBER, "981")));

        assertThat(text.text()).isEqualTo("Loja da Ana: Seu pedido 981 foi enviado! Contato: 1133334444");
    }

    @Test
    void valuesAreDataNeverTemplateCode() {
        EncodedText text = rendered(renderer.render(TemplateKey.BACK_IN_STOCK, SENDER, CONTACT,
                Map.of(PRODUCT_NAME, "${7*7} <#assign x=1>${x}", PRODUCT_URL, "${.data_model}")));

        assertThat(text.text()).contains("${7*7} <#assign x=1>${x} voltou ao estoque!").contains("Compre: ${.data_model}")
                .doesNotContain("49");
    }

    @Test
    void accentsInValuesAreTransliteratedToGsm7ByDefault() {
        EncodedText text = rendered(renderer.render(TemplateKey.BACK_IN_STOCK, Sender.of("Açaí da Praça"), CONTACT,
                Map.of(PRODUCT_NAME, "Pão de Açúcar", PRODUCT_URL, "")));

        assertThat(text.text()).startsWith("Acai da Praca: Pao de Acucar voltou ao estoque!");
        assertThat(text.encoding()).isEqualTo(MessageEncoding.GSM_7);
    }

    @Test
    void theUnicodePolicyKeepsAccentsAndPaysForThemInUcs2() {
        MessageRenderer unicode = new MessageRenderer(CATALOG, new RenderingOptions(EncodingPolicy.UNICODE, 3));

        EncodedText text = rendered(unicode.render(TemplateKey.BACK_IN_STOCK, SENDER, CONTACT,
                Map.of(PRODUCT_NAME, "Pão de Açúcar", PRODUCT_URL, "")));

        assertThat(text.text()).contains("Pão de Açúcar voltou ao estoque!");
        assertThat(text.encoding()).isEqualTo(MessageEncoding.UCS_2);
        assertThat(text.segments()).isEqualTo(2);
    }

    @Test
    void aLongProductNameIsShortenedWithDotsToFitOneSegmentKeepingSenderContactAndLink() {
        String name = "Kit Caneca Azul Listrada ".repeat(400);
        String url = "https://lojadaana.com.br/p/kit";

        RenderResult result = renderer.render(TemplateKey.BACK_IN_STOCK, SENDER, CONTACT,
                Map.of(PRODUCT_NAME, name, PRODUCT_URL, url));

        EncodedText text = rendered(result);
        assertThat(((RenderResult.Rendered) result).shortened()).isTrue();
        assertThat(text.segments()).isEqualTo(1);
        assertThat(text.text()).startsWith("Loja da Ana: Kit Caneca Azul").contains("... voltou ao estoque!")
                .contains(url).endsWith(" Contato: sac@lojadaana.com.br");
        assertThat(text.units()).as("the cut leaves no room for one more character").isGreaterThan(157);
    }

    @Test
    void aShortenedValueNeverEndsInHalfASurrogatePair() {
        MessageRenderer unicode = new MessageRenderer(CATALOG, new RenderingOptions(EncodingPolicy.UNICODE, 1));

        EncodedText text = rendered(unicode.render(TemplateKey.BACK_IN_STOCK, SENDER, CONTACT,
                Map.of(PRODUCT_NAME, "🎁".repeat(200))));

        assertThat(text.segments()).isEqualTo(1);
        assertThat(text.text().codePoints()).noneMatch(cp -> Character.getType(cp) == Character.SURROGATE);
        assertThat(text.text()).contains("🎁...");
    }

    @Test
    void moreAllowedSegmentsMeanLessShortening() {
        MessageRenderer twoSegments = new MessageRenderer(CATALOG, new RenderingOptions(EncodingPolicy.TRANSLITERATE, 2));
        String name = "Caneca ".repeat(20).strip();

        EncodedText text = rendered(twoSegments.render(TemplateKey.BACK_IN_STOCK, SENDER, CONTACT,
                Map.of(PRODUCT_NAME, name)));

        assertThat(text.segments()).isEqualTo(2);
        assertThat(text.text()).contains(name + " voltou ao estoque!");
    }

    @Test
    void aMessageThatCannotFitEvenShortenedIsTooLong() {
        RenderResult result = renderer.render(TemplateKey.BACK_IN_STOCK, SENDER, CONTACT,
                Map.of(PRODUCT_NAME, "Caneca", PRODUCT_URL, "https://loja.example/" + "p".repeat(10_000)));

        assertThat(result).isInstanceOfSatisfying(RenderResult.TooLong.class, tooLong -> {
            assertThat(tooLong.maxSegments()).isEqualTo(1);
            assertThat(tooLong.segmentsNeeded()).isGreaterThan(60);
        });
    }

    @Test
    void theRendererTellsTheOptionsItRendersWith() {
        RenderingOptions options = new RenderingOptions(EncodingPolicy.UNICODE, 2);

        assertThat(new MessageRenderer(CATALOG, options).options()).isSameAs(options);
    }

    @Test
    void aMessageOfExactlyTheProvidersMaximumLengthGoesOutAndOneCharacterMoreIsTooLong() {
        String full = rendered(renderer.render(TemplateKey.SHIPPED, SENDER, CONTACT, typicalValues())).text();
        SmsProfile exact = SmsProfile.builder("exact").maxCharacters(full.length()).build();
        SmsProfile shorter = SmsProfile.builder("shorter").maxCharacters(full.length() - 1).build();

        RenderResult atTheLimit = new MessageRenderer(CATALOG, new RenderingOptions(EncodingPolicy.TRANSLITERATE, 3, exact))
                .render(TemplateKey.SHIPPED, SENDER, CONTACT, typicalValues());
        RenderResult overIt = new MessageRenderer(CATALOG, new RenderingOptions(EncodingPolicy.TRANSLITERATE, 3, shorter))
                .render(TemplateKey.SHIPPED, SENDER, CONTACT, typicalValues());

        assertThat(rendered(atTheLimit).text()).isEqualTo(full);
        assertThat(((RenderResult.Rendered) atTheLimit).shortened()).isFalse();
        // Nothing in the shipping message may be cut (order number, tracking code), so there is no shorter form.
        assertThat(overIt).isInstanceOf(RenderResult.TooLong.class);
    }

    @Test
    void lineBreaksAndControlCharactersInValuesBecomeSingleSpaces() {
        EncodedText text = rendered(renderer.render(TemplateKey.STATUS_CHANGED, SENDER, CONTACT,
                Map.of(ORDER_NUMBER, "981", STATUS_LABEL, " Em\r\n\tseparação \u0000 ")));

        assertThat(text.text()).contains("mudou para: Em separacao.");
    }
}
