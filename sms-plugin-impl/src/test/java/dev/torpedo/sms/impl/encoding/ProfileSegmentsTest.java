package dev.torpedo.sms.impl.encoding;

import dev.torpedo.sms.api.MessageEncoding;
import dev.torpedo.sms.api.spi.SmsProfile;
import dev.torpedo.sms.impl.gateway.zenvia.ZenviaSmsGateway;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** How each provider's profile encodes and counts, at the boundaries its own documentation gives. */
class ProfileSegmentsTest {

    private static final SmsProfile ZENVIA = ZenviaSmsGateway.PROFILE;
    private static final SmsProfile GSM = SmsProfile.GSM_03_38;
    /** Zenvia's list of characters sent only in unicode, as its documentation gives it. */
    private static final String ZENVIA_UNICODE_ONLY = "çÇáéíóúýÁÉÍÓÚÝàèìòùÀÈÌÒÙãõñäëïöüÿÄËÏÖÜÃÕÑâêîôûÂÊÎÔÛºª°|";

    /** {@code count} words of {@code length} letters, one space between them. */
    private static String words(int count, int length, String letter) {
        return String.join(" ", java.util.Collections.nCopies(count, letter.repeat(length)));
    }

    @Nested
    class Zenvia {

        @ParameterizedTest(name = "{0} standard characters in words of 9: {1} part(s)")
        @CsvSource({"159, 1", "160, 1", "161, 2", "169, 2"})
        void oneMessageHolds160StandardCharacters(int length, int parts) {
            String text = (words(16, 9, "a") + " " + "b".repeat(200)).substring(0, length);

            EncodedText encoded = SegmentCounter.encode(text, ZENVIA);

            assertThat(encoded.encoding()).isEqualTo(MessageEncoding.GSM_7);
            assertThat(encoded.units()).isEqualTo(length);
            assertThat(encoded.segments()).isEqualTo(parts);
        }

        @Test
        void partsHold152StandardCharactersAndEndAtASpace() {
            // 75 + space + 76 = 152 fill the first part exactly; the last word goes in a second.
            String exactly = "a".repeat(75) + " " + "a".repeat(76) + " " + "b".repeat(9);
            // One more letter and the second word no longer fits the first part: it starts the second.
            String oneMore = "a".repeat(75) + " " + "a".repeat(77) + " " + "b".repeat(9);

            assertThat(SegmentCounter.encode(exactly, ZENVIA).segments()).isEqualTo(2);
            assertThat(SegmentCounter.encode(oneMore, ZENVIA).segments()).isEqualTo(2);
            assertThat(SegmentCounter.encode(words(3, 100, "a"), ZENVIA).segments())
                    .as("302 characters: 2 parts under GSM 03.38, 3 at Zenvia's spaces").isEqualTo(3);
            assertThat(SegmentCounter.encode(words(3, 100, "a"), GSM).segments()).isEqualTo(2);
        }

        @Test
        void aWordLongerThanAPartIsCutWhereItMust() {
            assertThat(SegmentCounter.encode("a".repeat(161), ZENVIA).segments()).isEqualTo(2);
            assertThat(SegmentCounter.encode("a".repeat(305), ZENVIA).segments()).isEqualTo(3);
            assertThat(SegmentCounter.encode("a".repeat(304), ZENVIA).segments()).isEqualTo(2);
        }

        @ParameterizedTest(name = "{0} unicode characters in words of 9: {1} part(s)")
        @CsvSource({"70, 1", "71, 2"})
        void oneUnicodeMessageHolds70(int length, int parts) {
            String text = (words(8, 9, "ã") + " " + "õ".repeat(100)).substring(0, length);

            EncodedText encoded = SegmentCounter.encode(text, ZENVIA);

            assertThat(encoded.encoding()).isEqualTo(MessageEncoding.UCS_2);
            assertThat(encoded.segments()).isEqualTo(parts);
        }

        @Test
        void unicodePartsHold66AndEndAtASpace() {
            // 33 + space + 32 = 66 fill a part exactly; one letter more and each word takes a part of its own.
            String exactly = "ã".repeat(33) + " " + "ã".repeat(32) + " " + "õ".repeat(33) + " " + "õ".repeat(32);
            String oneMore = "ã".repeat(33) + " " + "ã".repeat(33) + " " + "õ".repeat(33) + " " + "õ".repeat(33);

            assertThat(SegmentCounter.encode(exactly, ZENVIA).segments()).isEqualTo(2);
            assertThat(SegmentCounter.encode(oneMore, ZENVIA).segments()).isEqualTo(4);
            assertThat(SegmentCounter.encode(oneMore, GSM).segments()).as("67 a part, cut anywhere").isEqualTo(3);
        }

        @Test
        void everyCharacterOfZenviasListGoesOnlyInUnicode() {
            for (char c : ZENVIA_UNICODE_ONLY.toCharArray()) {
                assertThat(SegmentCounter.encode("Ola " + c, ZENVIA).encoding()).as("%s", c)
                        .isEqualTo(MessageEncoding.UCS_2);
            }
        }

        @Test
        void whatGsm0338HoldsButZenviaDoesNotChangesTheEncodingAndThePrice() {
            String text = "Loja da Ana: Esta é uma mensagem de teste do servico de SMS da loja. Contato: 1133334444";

            assertThat(SegmentCounter.encode(text, GSM)).extracting(EncodedText::encoding, EncodedText::segments)
                    .containsExactly(MessageEncoding.GSM_7, 1);
            assertThat(SegmentCounter.encode(text, ZENVIA)).extracting(EncodedText::encoding, EncodedText::segments)
                    .containsExactly(MessageEncoding.UCS_2, 2);
        }

        @Test
        void theExtensionTableIsNotInItsStandardSet() {
            for (char c : "^{}\\[~]|€".toCharArray()) {
                assertThat(SegmentCounter.encode("R$ 10 " + c, ZENVIA).encoding()).as("%s", c)
                        .isEqualTo(MessageEncoding.UCS_2);
            }
            assertThat(SegmentCounter.encode("Pedido #42: R$ 10,00 (50% off) @loja", ZENVIA).encoding())
                    .isEqualTo(MessageEncoding.GSM_7);
        }

        @Test
        void tabsAndDoubleSpacesBecomeOneSpaceBeforeCounting() {
            EncodedText encoded = SegmentCounter.encode("Seu  pedido\t\t981 \t foi enviado", ZENVIA);

            assertThat(encoded.text()).isEqualTo("Seu pedido 981 foi enviado");
            assertThat(encoded.units()).isEqualTo(26);
            assertThat(SegmentCounter.encode("Seu  pedido", GSM).text()).isEqualTo("Seu  pedido");
        }

        @Test
        void transliterationKeepsOnlyWhatZenviaSendsAsStandard() {
            assertThat(Gsm7Transliterator.toStandard("José Conceição, Ñandú | 5€ {x}", ZENVIA))
                    .isEqualTo("Jose Conceicao, Nandu / 5EUR (x)");
            assertThat(Gsm7Transliterator.toStandard("José Ç", GSM)).isEqualTo("José Ç");
        }
    }

    @Nested
    class Twilio {

        @ParameterizedTest(name = "{0} characters: {1} segment(s)")
        @CsvSource({"160, 1", "161, 2", "306, 2", "307, 3"})
        void gsm0338CutsAnywhereAt153(int length, int segments) {
            assertThat(SegmentCounter.encode(words(40, 9, "a").substring(0, length), GSM).segments())
                    .isEqualTo(segments);
        }

        @Test
        void theDefaultProfileIsGsm0338AndCountsAsBefore() {
            String text = "a".repeat(152) + "€" + "a".repeat(152);

            assertThat(SegmentCounter.encode(text)).isEqualTo(SegmentCounter.encode(text, GSM));
            assertThat(SegmentCounter.encode(text).segments()).isEqualTo(3);
        }
    }

    static Stream<SmsProfile> builtInProfiles() {
        return Stream.of(GSM, ZENVIA);
    }

    @ParameterizedTest
    @MethodSource("builtInProfiles")
    void anEmptyTextStillTakesOnePart(SmsProfile profile) {
        assertThat(SegmentCounter.encode("", profile).segments()).isEqualTo(1);
    }

    @Test
    void aProfileRefusesPartsTooSmallForAPairOrLargerThanAMessageAndAnAsciiLetterSentOnlyInUnicode() {
        assertThatIllegalArgumentException().isThrownBy(() -> SmsProfile.builder("x").standardParts(160, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> SmsProfile.builder("x").unicodeParts(60, 67));
        assertThatIllegalArgumentException().isThrownBy(() -> SmsProfile.builder(" "));
        assertThatIllegalArgumentException().isThrownBy(() -> SmsProfile.builder("x").unicodeOnly("é?"))
                .withMessageContaining("'?'");
    }
}
