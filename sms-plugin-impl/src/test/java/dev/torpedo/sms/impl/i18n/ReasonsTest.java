package dev.torpedo.sms.impl.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpedo.sms.impl.phone.PhoneRejection;
import dev.torpedo.sms.impl.queue.MessageStatus;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ReasonsTest {

    private static final Locale PT_BR = Locale.forLanguageTag("pt-BR");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "phone-landline|número de telefone fixo",
            "no-credit|saldo de créditos insuficiente",
            "opted-out|o cliente respondeu SAIR",
            "undelivered: 30003|a operadora não conseguiu entregar (30003)",
            "permanent: zenvia: HTTP 400|a operadora recusou a mensagem (zenvia: HTTP 400)",
            "vetoed: zero-total|bloqueada por uma regra da loja (zero-total)",
            "twilio: rate limited|detalhe técnico: twilio: rate limited"})
    void aReasonReadsAsWordsWithItsDetail(String reason, String words) {
        assertThat(Reasons.describe(reason, PT_BR)).isEqualTo(words);
    }

    @Test
    void noReasonIsAnEmptyText() {
        assertThat(Reasons.describe(null, PT_BR)).isEmpty();
        assertThat(Reasons.describe("  ", PT_BR)).isEmpty();
    }

    @Test
    void reasonsHaveEnglishWordsToo() {
        assertThat(Reasons.describe("phone-landline", Locale.ENGLISH)).isEqualTo("landline number");
    }

    @ParameterizedTest
    @EnumSource(PhoneRejection.class)
    void everyPhoneRejectionHasWordsOfItsOwn(PhoneRejection rejection) {
        assertThat(Reasons.describe(rejection.code(), PT_BR)).doesNotStartWith("detalhe técnico");
        assertThat(Reasons.describe(rejection.code(), Locale.ENGLISH)).doesNotStartWith("technical detail");
    }

    @ParameterizedTest
    @EnumSource(MessageStatus.class)
    void everyStateHasALabelInBothLanguages(MessageStatus status) {
        assertThat(status.label(PT_BR)).isNotBlank().isNotEqualTo(status.name());
        assertThat(status.label(Locale.ENGLISH)).isNotBlank();
    }
}
