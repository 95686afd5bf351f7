package dev.torpedo.sms.impl.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PhoneRejectionTest {

    private static final Locale PT_BR = Locale.forLanguageTag("pt-BR");

    @Test
    void codes_are_stable_unique_and_kebab_case() {
        List<String> codes = Arrays.stream(PhoneRejection.values()).map(PhoneRejection::code).toList();

        assertThat(codes).doesNotHaveDuplicates().allMatch(code -> code.matches("phone(-[a-z]+)+"));
        assertThat(PhoneRejection.LANDLINE.code()).isEqualTo("phone-landline");
        assertThat(PhoneRejection.UNKNOWN_DDD.code()).isEqualTo("phone-unknown-ddd");
    }

    @ParameterizedTest
    @EnumSource(PhoneRejection.class)
    void every_reason_has_a_portuguese_and_an_english_text(PhoneRejection reason) {
        String portuguese = reason.message(PT_BR);
        String english = reason.message(Locale.ENGLISH);

        assertThat(portuguese).isNotBlank().doesNotContain("{", "}").isNotEqualTo(english);
        assertThat(english).isNotBlank().doesNotContain("{", "}");
        assertThat(reason.message(Locale.forLanguageTag("en-US"))).isEqualTo(english);
    }

    @ParameterizedTest
    @EnumSource(value = PhoneRejection.class, names = {"UNKNOWN_DDD", "MISSING_NINE"})
    void reasons_that_name_what_was_typed_have_a_detailed_text(PhoneRejection reason) {
        List<String> details = List.of("11", "9123-4567");

        assertThat(reason.message(PT_BR, details)).contains("11").doesNotContain("{");
        assertThat(reason.message(Locale.ENGLISH, details)).contains("11").doesNotContain("{");
    }

    @Test
    void speaks_portuguese_to_a_brazilian_even_on_an_english_jvm() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.US);

            assertThat(PhoneRejection.FOREIGN.message(PT_BR)).isEqualTo("Apenas celulares do Brasil podem receber SMS.");
            assertThat(PhoneRejection.MISSING.message(PT_BR))
                    .isEqualTo("Informe um celular com DDD, por exemplo (11) 91234-5678.");
        } finally {
            Locale.setDefault(before);
        }
    }
}
