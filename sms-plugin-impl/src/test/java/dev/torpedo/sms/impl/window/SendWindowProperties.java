package dev.torpedo.sms.impl.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.impl.calendar.BrazilianCalendar;
import dev.torpedo.sms.impl.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class SendWindowProperties {

    private static final BrazilianCalendar CALENDAR = new BrazilianCalendar();

    @Test
    void the_next_opening_is_open_not_earlier_and_not_far() {
        qt().withExamples(3000)
                .forAll(recipients(), instants(), booleans().all(), booleans().all())
                .checkAssert(SendWindowProperties::assertNextOpening);
    }

    private static void assertNextOpening(MobileNumber to, Instant at, boolean skipSundays,
            boolean skipNationalHolidays) {
        var window = new SendWindow(MutableClock.at("2026-01-01T00:00:00Z"),
                new SendWindowOptions(skipSundays, skipNationalHolidays), CALENDAR);

        Instant opening = window.nextOpening(to, at);

        assertThat(window.isOpen(to, opening)).isTrue();
        assertThat(opening).isAfterOrEqualTo(at).isBefore(at.plus(Duration.ofDays(6)));
        assertThat(opening.equals(at)).isEqualTo(window.isOpen(to, at));
        if (opening.isAfter(at)) {
            assertThat(window.isOpen(to, opening.minusNanos(1))).as("opens exactly at %s", opening).isFalse();
        }

        Instant closing = window.closingOf(to, opening);
        assertThat(closing).isAfter(opening).isBeforeOrEqualTo(opening.plus(Duration.ofHours(9)));
        assertThat(window.isOpen(to, closing.minusNanos(1))).isTrue();
        assertThat(window.isOpen(to, closing)).isFalse();
    }

    private static Gen<MobileNumber> recipients() {
        return Generate.pick(List.copyOf(new TreeSet<>(MobileNumber.areaCodes()))).map(ddd -> MobileNumber.of("+55" + ddd + "912345678"));
    }

    private static Gen<Instant> instants() {
        long from = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2031-01-01T00:00:00Z").getEpochSecond();
        return longs().between(from, to).map(seconds -> Instant.ofEpochSecond(seconds));
    }
}
