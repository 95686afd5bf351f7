package dev.torpedo.sms.impl.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LocalTimesTest {

    private static final Locale PT_BR = Locale.forLanguageTag("pt-BR");
    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    /** 20:00 in São Paulo on Tuesday 2026-12-01. */
    private static final Instant EVENING = Instant.parse("2026-12-01T23:00:00Z");

    @Test
    void tomorrowMorningReadsAsAmanhaWithTheZonesName() {
        assertThat(LocalTimes.describe(Instant.parse("2026-12-02T12:00:00Z"), SAO_PAULO, EVENING, PT_BR))
                .isEqualTo("amanhã às 09:00 (horário de Brasília)");
    }

    @Test
    void todayAndLaterDaysReadAsHojeAndTheDate() {
        assertThat(LocalTimes.describe(Instant.parse("2026-12-01T22:30:00Z"), SAO_PAULO, EVENING, PT_BR))
                .isEqualTo("hoje às 19:30 (horário de Brasília)");
        assertThat(LocalTimes.describe(Instant.parse("2026-12-05T12:00:00Z"), SAO_PAULO, EVENING, PT_BR))
                .isEqualTo("05/12/2026 às 09:00 (horário de Brasília)");
    }

    @Test
    void theDayIsTheRecipientsNotUtcs() {
        // 23:00 UTC is already tomorrow in UTC, but still today in Manaus (19:00).
        assertThat(LocalTimes.describe(EVENING, ZoneId.of("America/Manaus"), Instant.parse("2026-12-01T15:00:00Z"), PT_BR))
                .isEqualTo("hoje às 19:00 (horário do Amazonas)");
        assertThat(LocalTimes.zoneName(ZoneId.of("America/Rio_Branco"), PT_BR)).isEqualTo("horário do Acre");
    }

    @Test
    void englishReadsAsEnglish() {
        assertThat(LocalTimes.describe(Instant.parse("2026-12-02T12:00:00Z"), SAO_PAULO, EVENING, Locale.ENGLISH))
                .isEqualTo("tomorrow at 09:00 (Brasilia Time)");
        assertThat(LocalTimes.date(LocalDate.of(2027, 2, 10), Locale.ENGLISH)).isEqualTo("2027-02-10");
        assertThat(LocalTimes.date(LocalDate.of(2027, 2, 10), PT_BR)).isEqualTo("10/02/2027");
    }
}
