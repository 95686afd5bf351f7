package dev.torpedo.sms.impl.encoding;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class Gsm7TransliteratorTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "Pedido 123 enviado", "R$ 49,90 {frete} [gratis] ~hoje~ | 100€", "é à Ç ü ñ Ø Å ß Δ Ω", "a\nb\rc\fd"})
    void returnsTheSameInstanceWhenTheTextIsAlreadyGsm7(String text) {
        assertThat(Gsm7Transliterator.toGsm7(text)).isSameAs(text);
    }

    @Test
    void keepsAccentedLettersThatAreGsm7() {
        assertThat(Gsm7Transliterator.toGsm7("é à Ç ü ñ ã")).isEqualTo("é à Ç ü ñ a");
    }

    @ParameterizedTest(name = "{0} becomes {1}")
    @CsvSource(delimiter = '|', value = {
            "ç|c", "ã|a", "õ|o", "á|a", "í|i", "ó|o", "ú|u", "â|a", "ê|e", "ô|o",
            "Á|A", "Ã|A", "Õ|O", "Ê|E", "Ô|O", "Í|I", "Ó|O", "Ú|U", "Â|A", "È|E", "ÿ|y", "ł|?"
    })
    void dropsTheAccentOfLettersWhoseBaseIsGsm7(String letter, String expected) {
        assertThat(Gsm7Transliterator.toGsm7(letter)).isEqualTo(expected);
    }

    @Test
    void composesDecomposedAccentsBeforeDeciding() {
        // "e" + combining acute is the GSM-7 "é"; "c" + combining cedilla is "ç", which is not.
        assertThat(Gsm7Transliterator.toGsm7("Cafe\u0301 c\u0327")).isEqualTo("Café c");
    }

    @Test
    void replacesTypographicQuotesWithStraightOnes() {
        assertThat(Gsm7Transliterator.toGsm7("\u2018a\u2019 \u201Ab\u2032 \u201Cc\u201D \u201Ed\u2033 \u00ABe\u00BB"))
                .isEqualTo("'a' 'b' \"c\" \"d\" \"e\"");
    }

    @Test
    void replacesDashesAndBulletsWithHyphens() {
        assertThat(Gsm7Transliterator.toGsm7("a\u2013b\u2014c\u2012d\u2212e \u2022 f")).isEqualTo("a-b-c-d-e - f");
    }

    @Test
    void replacesTheEllipsisWithThreeDots() {
        assertThat(Gsm7Transliterator.toGsm7("Aguarde\u2026")).isEqualTo("Aguarde...");
    }

    @Test
    void replacesUnicodeSpacesAndTabsWithASpace() {
        assertThat(Gsm7Transliterator.toGsm7("R$\u00A049\u202F90\u2003x\ty\u3000z"))
                .isEqualTo("R$ 49 90 x y z");
    }

    @Test
    void replacesOtherControlCharactersWithASpace() {
        assertThat(Gsm7Transliterator.toGsm7("a\u0000b\u0007c\u001Bd\u007Fe\u0085f")).isEqualTo("a b c d e f");
    }

    @Test
    void keepsLineBreaksAndFormFeed() {
        assertThat(Gsm7Transliterator.toGsm7("ã\nb\r\nc\f")).isEqualTo("a\nb\r\nc\f");
    }

    @Test
    void spellsOutOrdinalsAndDegrees() {
        assertThat(Gsm7Transliterator.toGsm7("1ª vez, pedido nº 12, 25°C")).isEqualTo("1a vez, pedido no 12, 25oC");
    }

    @Test
    void replacesSuperscriptDigitsWithDigits() {
        assertThat(Gsm7Transliterator.toGsm7("10m² 3m³ x¹")).isEqualTo("10m2 3m3 x1");
    }

    @Test
    void spellsOutTradeMarksAndFractions() {
        assertThat(Gsm7Transliterator.toGsm7("Marca™ ©2024 Loja® ½ kg"))
                .isEqualTo("MarcaTM (C)2024 Loja(R) 1/2 kg");
    }

    @Test
    void readsCompatibilityFormsAsTheirPlainSpelling() {
        assertThat(Gsm7Transliterator.toGsm7("\uFF21\uFF22\uFF23 \uFB01m")).isEqualTo("ABC fim");
    }

    @Test
    void replacesABacktickWithAnApostrophe() {
        assertThat(Gsm7Transliterator.toGsm7("d`agua")).isEqualTo("d'agua");
    }

    @Test
    void replacesAnEmojiWithASingleQuestionMark() {
        assertThat(Gsm7Transliterator.toGsm7("Chegou! \uD83D\uDE9A")).isEqualTo("Chegou! ?");
    }

    @Test
    void replacesAnEmojiWithItsPresentationSelectorWithASingleQuestionMark() {
        assertThat(Gsm7Transliterator.toGsm7("Amei \u2764\uFE0F")).isEqualTo("Amei ?");
    }

    @Test
    void dropsInvisibleFormatCharacters() {
        assertThat(Gsm7Transliterator.toGsm7("\uFEFFcafe\u00ADteira\u200B")).isEqualTo("cafeteira");
    }

    @Test
    void replacesUnpairedSurrogatesWithAQuestionMarkEach() {
        assertThat(Gsm7Transliterator.toGsm7("a\uD83Db")).isEqualTo("a?b");
        assertThat(Gsm7Transliterator.toGsm7("a\uDE00b")).isEqualTo("a?b");
        assertThat(Gsm7Transliterator.toGsm7("\uDE00\uD83D")).isEqualTo("??");
        assertThat(Gsm7Transliterator.toGsm7("end\uD83D")).isEqualTo("end?");
    }

    @Test
    void replacesCharactersWithNoGsm7SpellingWithAQuestionMark() {
        assertThat(Gsm7Transliterator.toGsm7("\u4E2D\u6587 \u0430\u0431 \u03B1")).isEqualTo("?? ?? ?");
    }

    @Test
    void aNullTextIsRejected() {
        assertThatNullPointerException().isThrownBy(() -> Gsm7Transliterator.toGsm7(null));
    }
}
