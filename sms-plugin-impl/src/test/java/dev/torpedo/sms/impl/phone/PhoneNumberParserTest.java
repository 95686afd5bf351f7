package dev.torpedo.sms.impl.phone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpedo.sms.api.MobileNumber;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberParserTest {

    private static final Locale PT_BR = Locale.forLanguageTag("pt-BR");

    private final PhoneNumberParser parser = new PhoneNumberParser();

    @ParameterizedTest(name = "[{0}] is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            (11) 91234-5678              | +5511912345678
            11912345678                  | +5511912345678
            11 9 1234-5678               | +5511912345678
            11-9-1234-5678               | +5511912345678
            +55 11 91234-5678            | +5511912345678
            +55 (11) 91234.5678          | +5511912345678
            +5511912345678               | +5511912345678
            5511912345678                | +5511912345678
            55 11 91234-5678             | +5511912345678
            055 11 91234-5678            | +5511912345678
            0 11 91234-5678              | +5511912345678
            0 21 11 91234-5678           | +5511912345678
            021 11 91234-5678            | +5511912345678
            0xx11 91234-5678             | +5511912345678
            (0xx11) 91234-5678           | +5511912345678
            0xx21 11 91234-5678          | +5511912345678
            '  (11) 91234-5678  '        | +5511912345678
            （１１） ９１２３４－５６７８       | +5511912345678
            ０１１ ９１２３４-５６７８          | +5511912345678
            tel:+55-11-91234-5678        | +5511912345678
            +55 21 98765-4321            | +5521987654321
            (61) 99999-9999              | +5561999999999
            (68) 99999-0000              | +5568999990000
            (91) 98888-7777              | +5591988887777
            (97) 99123-4567              | +5597991234567
            """)
    void reads_a_brazilian_mobile_however_it_is_typed(String typed, String e164) {
        PhoneParseResult result = parser.parse(typed);

        assertThat(result.isValid()).isTrue();
        assertThat(result.number()).contains(MobileNumber.of(e164));
        assertThat(result.rejection()).isEmpty();
        assertThat(result).isEqualTo(new PhoneParseResult.Valid(MobileNumber.of(e164)));
    }

    @ParameterizedTest(name = "[{0}] is rejected as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            abc                          | NOT_A_NUMBER
            meu celular                  | NOT_A_NUMBER
            12:34:56:78                  | NOT_A_NUMBER
            12:34:56:7                   | TOO_SHORT
            1                            | TOO_SHORT
            1234                         | TOO_SHORT
            +55                          | TOO_SHORT
            +55 11                       | TOO_SHORT
            9123-4567                    | TOO_SHORT
            +55 11 91234-56789           | TOO_LONG
            11 99999-99999               | TOO_LONG
            91234-5678                   | MISSING_DDD
            (11) 9123-4567               | MISSING_NINE
            (21) 8765-4321               | MISSING_NINE
            (11) 7123-4567               | MISSING_NINE
            (11) 6123-4567               | MISSING_NINE
            +1 415 555 2671              | FOREIGN
            +351 912 345 678             | FOREIGN
            0021 1 415 555 2671          | FOREIGN
            (20) 91234-5678              | UNKNOWN_DDD
            (23) 91234-5678              | UNKNOWN_DDD
            (10) 91234-5678              | UNKNOWN_DDD
            (11) 3333-4444               | LANDLINE
            +55 21 2222-3333             | LANDLINE
            1133334444                   | LANDLINE
            0800 123 4567                | NOT_MOBILE
            0800 777 7000                | NOT_MOBILE
            0300 123 4567                | NOT_MOBILE
            4004-1234                    | NOT_MOBILE
            (11) 81234-5678              | INVALID
            (11) 1234-5678               | INVALID
            (11) 09123-4567              | INVALID
            +999 1234567                 | INVALID
            """)
    void rejects_what_is_not_a_brazilian_mobile_with_a_specific_reason(String typed, PhoneRejection reason) {
        PhoneParseResult result = parser.parse(typed);

        assertThat(result.isValid()).isFalse();
        assertThat(result.number()).isEmpty();
        assertThat(result.rejection()).contains(reason);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "   ", "\t", "\n"})
    void nothing_typed_is_missing(String typed) {
        assertThat(parser.parse(typed)).isEqualTo(new PhoneParseResult.Invalid(PhoneRejection.MISSING));
    }

    @Test
    void names_the_unknown_ddd() {
        var result = (PhoneParseResult.Invalid) parser.parse("(20) 91234-5678");

        assertThat(result.message(PT_BR)).isEqualTo("O DDD 20 não existe. Confira os dois dígitos do código de área.");
        assertThat(result.message(Locale.ENGLISH)).isEqualTo("There is no area code (DDD) 20. Check its two digits.");
    }

    @Test
    void suggests_the_number_with_the_nine() {
        var result = (PhoneParseResult.Invalid) parser.parse("(11) 9123-4567");

        assertThat(result.message(PT_BR))
                .isEqualTo("Celulares têm 9 dígitos depois do DDD: confira se o número é (11) 99123-4567.");
    }

    @Test
    void tells_a_landline_apart_in_words_a_shopper_understands() {
        var result = (PhoneParseResult.Invalid) parser.parse("(11) 3333-4444");

        assertThat(result.message(PT_BR)).isEqualTo("Este número é de telefone fixo; informe um celular.");
        assertThat(result.message(Locale.ENGLISH)).isEqualTo("This is a landline number; enter a mobile number.");
    }

    @Test
    void an_invalid_result_does_not_print_the_typed_digits() {
        assertThat(parser.parse("(11) 9123-4567").toString()).isEqualTo("Invalid[phone-missing-nine]");
    }

    @Test
    void a_valid_result_prints_the_number_masked() {
        assertThat(parser.parse("(11) 91234-5678").toString()).doesNotContain("91234").contains("5678");
    }
}
