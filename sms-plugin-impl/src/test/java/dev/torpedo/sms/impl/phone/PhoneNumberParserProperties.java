package dev.torpedo.sms.impl.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.impl.testing.TextGen;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class PhoneNumberParserProperties {

    private final PhoneNumberParser parser = new PhoneNumberParser();

    @Test
    void never_throws_on_any_text() {
        qt().withExamples(2000).forAll(TextGen.anyUtf16(300)).checkAssert(typed -> {
            PhoneParseResult result = parser.parse(typed);

            assertThat(result).isNotNull();
            assertThat(result.isValid()).isEqualTo(result.number().isPresent());
            assertThat(result.rejection().isPresent()).isNotEqualTo(result.isValid());
        });
    }

    @Test
    void never_throws_on_phone_like_text() {
        qt().withExamples(2000).forAll(phoneLike()).checkAssert(typed -> {
            PhoneParseResult result = parser.parse(typed);

            assertThat(result).isNotNull();
            result.number().ifPresent(number -> assertThat(number.e164()).startsWith("+55"));
        });
    }

    @Test
    void a_valid_result_reads_back_to_itself() {
        qt().withExamples(500).forAll(phoneLike()).checkAssert(typed ->
                parser.parse(typed).number().ifPresent(number ->
                        assertThat(parser.parse(number.e164()).number()).contains(number)));
    }

    @Test
    void a_typed_mobile_is_never_called_foreign_or_too_short() {
        qt().withExamples(500).forAll(typedMobile()).checkAssert(typed ->
                assertThat(parser.parse(typed).rejection().orElse(null))
                        .isNotIn(PhoneRejection.FOREIGN, PhoneRejection.TOO_SHORT, PhoneRejection.TOO_LONG,
                                PhoneRejection.MISSING_DDD, PhoneRejection.UNKNOWN_DDD, PhoneRejection.LANDLINE));
    }

    /** Digits and what people type between them, full-width digits and no-break spaces included. */
    private static Gen<String> phoneLike() {
        return TextGen.over("0123456789+()-. x０１２３４５６７８９\u00a0", 30);
    }

    /** "(DD) 9XXXX-XXXX" for every DDD: libphonenumber may still find a range unallocated, never anything else. */
    private static Gen<String> typedMobile() {
        Gen<String> digits = TextGen.joined(TextGen.each("0123456789"), Generate.constant(8));
        return Generate.pick(List.copyOf(new TreeSet<>(MobileNumber.areaCodes()))).zip(digits,
                (area, subscriber) -> "(" + area + ") 9" + subscriber.substring(0, 4) + "-" + subscriber.substring(4));
    }
}
