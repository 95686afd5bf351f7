package dev.torpedo.sms.impl.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MutableClockTest {

    @Test
    void stands_still_until_set_or_advanced() {
        var clock = MutableClock.at("2026-03-10T12:00:00Z");

        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-10T12:00:00Z"));
        assertThat(clock.advance(Duration.ofMinutes(90))).isEqualTo(Instant.parse("2026-03-10T13:30:00Z"));
        clock.set(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(clock.millis()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    }

    @Test
    void a_view_in_another_zone_shares_the_time() {
        var clock = MutableClock.at("2026-03-10T12:00:00Z");
        var saoPaulo = clock.withZone(ZoneId.of("America/Sao_Paulo"));

        clock.advance(Duration.ofHours(1));

        assertThat(saoPaulo.instant()).isEqualTo(Instant.parse("2026-03-10T13:00:00Z"));
        assertThat(saoPaulo.getZone()).isEqualTo(ZoneId.of("America/Sao_Paulo"));
    }
}
