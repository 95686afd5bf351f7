package dev.torpedo.sms.impl.phone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class NumbersInTextTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/loja/p/+5511912345678      | /loja/p/[number]",
            "to=5511912345678&x=1        | to=[number]&x=1",
            "order:11912345678:created   | order:[number]:created",
            "981(11) 91234-5678          | 981[number]",
            "(11) 3333-4444 fixo         | [number] fixo",
            "11 9 1234-5678              | [number]",
            "order:000000123:created     | order:000000123:created",
            "R$ 1.249,90 em 2026-12-01   | R$ 1.249,90 em 2026-12-01",
            "epoch 1764912345678         | epoch 1764912345678",
            "+55 11 9****-5678           | +55 11 9****-5678"})
    void numbersWrittenAnyWayAreMaskedAndOtherDigitsKept(String text, String masked) {
        assertThat(NumbersInText.masked(text)).isEqualTo(masked);
    }

    @ParameterizedTest
    @CsvSource({"'a\u202Eb', 'a?b'", "'line\nforged', 'line?forged'"})
    void controlAndBidiCharactersCannotForgeALine(String text, String masked) {
        assertThat(NumbersInText.masked(text)).isEqualTo(masked);
        assertThat(NumbersInText.masked("x".repeat(300))).hasSize(203).endsWith("...");
    }

    @Test
    void aTextOfTwoHundredCharactersIsKeptWholeAndNoTextStaysNoText() {
        assertThat(NumbersInText.masked("x".repeat(200))).isEqualTo("x".repeat(200));
        assertThat(NumbersInText.masked("x".repeat(201))).isEqualTo("x".repeat(200) + "...");
        assertThat(NumbersInText.masked(null)).isNull();
    }
}
