package dev.torpedo.sms.impl.phone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpedo.sms.api.MobileNumber;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

class PhoneNumberParserProperties {

    private final PhoneNumberParser parser = new PhoneNumberParser();

    @Property(tries = 2000)
    void never_throws_on_any_text(@ForAll @StringLength(max = 300) String typed) {
        PhoneParseResult result = parser.parse(typed);

        assertThat(result).isNotNull();
        assertThat(result.isValid()).isEqualTo(result.number().isPresent());
        assertThat(result.rejection().isPresent()).isNotEqualTo(result.isValid());
    }

    @Property(tries = 2000)
    void never_throws_on_phone_like_text(@ForAll("phoneLike") String typed) {
        PhoneParseResult result = parser.parse(typed);

        assertThat(result).isNotNull();
        result.number().ifPresent(number -> assertThat(number.e164()).startsWith("+55"));
    }

    @Property(tries = 500)
    void a_valid_result_reads_back_to_itself(@ForAll("phoneLike") String typed) {
        parser.parse(typed).number().ifPresent(number ->
                assertThat(parser.parse(number.e164()).number()).contains(number));
    }

    @Property(tries = 500)
    void a_typed_mobile_is_never_called_foreign_or_too_short(@ForAll("typedMobile") String typed) {
        assertThat(parser.parse(typed).rejection().orElse(null))
                .isNotIn(PhoneRejection.FOREIGN, PhoneRejection.TOO_SHORT, PhoneRejection.TOO_LONG,
                        PhoneRejection.MISSING_DDD, PhoneRejection.UNKNOWN_DDD, PhoneRejection.LANDLINE);
    }

    @Provide
    Arbitrary<String> phoneLike() {
        return Arbitraries.strings()
                .withChars("0123456789+()-. x")
                .withChars('０', '９', '\u00a0')
                .ofMaxLength(30);
    }

    /** "(DD) 9XXXX-XXXX" for every DDD: libphonenumber may still find a range unallocated, never anything else. */
    @Provide
    Arbitrary<String> typedMobile() {
        Arbitrary<Integer> ddd = Arbitraries.of(MobileNumber.areaCodes());
        Arbitrary<String> subscriber = Arbitraries.strings().numeric().ofLength(8);
        return Combinators.combine(ddd, subscriber)
                .as((area, digits) -> "(" + area + ") 9" + digits.substring(0, 4) + "-" + digits.substring(4));
    }
}
