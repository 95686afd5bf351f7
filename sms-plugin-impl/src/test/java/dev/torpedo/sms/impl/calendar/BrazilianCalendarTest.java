package dev.torpedo.sms.impl.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Year;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class BrazilianCalendarTest {

    private static final Logger log = LoggerFactory.getLogger(BrazilianCalendarTest.class);

    private final BrazilianCalendar calendar = new BrazilianCalendar();

    @Nested
    class What_jollyday_says {

        /** Pins what we adjust: if a jollyday upgrade changes Brazil's list, this fails and we look again. */
        @Test
        void lists_carnival_tuesday_ash_wednesday_and_easter_but_not_carnival_monday() {
            var manager = HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.BRAZIL));
            List<Holiday> holidays = manager.getHolidays(Year.of(2027)).stream()
                    .sorted(Comparator.comparing(Holiday::getDate))
                    .toList();
            holidays.forEach(h -> log.info("jollyday Brazil 2027: {} {} {} {}",
                    h.getDate(), h.getDate().getDayOfWeek(), h.getPropertiesKey(), h.getType()));

            Map<LocalDate, String> byDate = holidays.stream()
                    .collect(Collectors.toMap(Holiday::getDate, Holiday::getPropertiesKey, (a, b) -> a + "," + b, TreeMap::new));
            assertThat(byDate).containsExactlyEntriesOf(new TreeMap<>(Map.ofEntries(
                    Map.entry(LocalDate.of(2027, 1, 1), "NEW_YEAR"),
                    Map.entry(LocalDate.of(2027, 2, 9), "christian.CARNIVAL"),
                    Map.entry(LocalDate.of(2027, 2, 10), "christian.ASH_WEDNESDAY"),
                    Map.entry(LocalDate.of(2027, 3, 26), "christian.GOOD_FRIDAY"),
                    Map.entry(LocalDate.of(2027, 3, 28), "christian.EASTER"),
                    Map.entry(LocalDate.of(2027, 4, 21), "TIRADENTES"),
                    Map.entry(LocalDate.of(2027, 5, 1), "LABOUR_DAY"),
                    Map.entry(LocalDate.of(2027, 5, 27), "christian.CORPUS_CHRISTI"),
                    Map.entry(LocalDate.of(2027, 9, 7), "INDEPENDENCE_DAY"),
                    Map.entry(LocalDate.of(2027, 10, 12), "APARECIDA"),
                    Map.entry(LocalDate.of(2027, 11, 2), "ALL_SOULS"),
                    Map.entry(LocalDate.of(2027, 11, 15), "NATIONAL_DAY"),
                    Map.entry(LocalDate.of(2027, 11, 20), "NATIONAL_DAY_OF_ZUMBI_AND_BLACK_AWARENESS"),
                    Map.entry(LocalDate.of(2027, 12, 25), "CHRISTMAS"))));
            assertThat(holidays).extracting(Holiday::getType).containsOnly(HolidayType.PUBLIC_HOLIDAY);
        }
    }

    @Nested
    class Carnival {

        @Test
        void monday_and_tuesday_are_holidays_and_ash_wednesday_is_a_business_day_in_2027() {
            // Easter 2027-03-28.
            assertThat(calendar.isNationalHoliday(LocalDate.of(2027, 2, 8))).as("Carnival Monday").isTrue();
            assertThat(calendar.isNationalHoliday(LocalDate.of(2027, 2, 9))).as("Carnival Tuesday").isTrue();
            assertThat(calendar.isNationalHoliday(LocalDate.of(2027, 2, 10))).as("Ash Wednesday").isFalse();
            assertThat(calendar.isBusinessDay(LocalDate.of(2027, 2, 10))).as("Ash Wednesday").isTrue();
        }

        @Test
        void a_purchase_paid_the_friday_before_carnival_2027_is_credited_on_ash_wednesday() {
            assertThat(calendar.firstBusinessDayAfter(LocalDate.of(2027, 2, 5))).isEqualTo(LocalDate.of(2027, 2, 10));
        }

        @Test
        void carnival_2026_is_the_same_rule_with_easter_on_april_5() {
            assertThat(calendar.isNationalHoliday(LocalDate.of(2026, 2, 16))).as("Carnival Monday").isTrue();
            assertThat(calendar.isNationalHoliday(LocalDate.of(2026, 2, 17))).as("Carnival Tuesday").isTrue();
            assertThat(calendar.isBusinessDay(LocalDate.of(2026, 2, 18))).as("Ash Wednesday").isTrue();
            assertThat(calendar.firstBusinessDayAfter(LocalDate.of(2026, 2, 13))).isEqualTo(LocalDate.of(2026, 2, 18));
        }
    }

    @ParameterizedTest(name = "paid {0}: credited {1} ({2})")
    @CsvSource(delimiter = '|', textBlock = """
            2026-03-09 | 2026-03-10 | an ordinary Monday: Tuesday
            2026-03-13 | 2026-03-16 | a Friday: Monday
            2026-03-14 | 2026-03-16 | a Saturday: Monday
            2026-03-15 | 2026-03-16 | a Sunday: Monday
            2026-09-05 | 2026-09-08 | a Saturday before Independence Day on a Monday: Tuesday
            2026-10-09 | 2026-10-13 | a Friday before Aparecida on a Monday: Tuesday
            2027-03-25 | 2027-03-29 | the Thursday before Good Friday: Monday
            2026-06-03 | 2026-06-05 | the day before Corpus Christi: Friday
            2026-12-24 | 2026-12-28 | Christmas Eve, Christmas on a Friday: Monday
            2026-04-20 | 2026-04-22 | the day before Tiradentes on a Tuesday: Wednesday
            2025-11-19 | 2025-11-21 | the day before Black Awareness Day 2025: Friday
            2026-12-31 | 2027-01-04 | New Year's Eve, New Year on a Friday: Monday
            2026-02-13 | 2026-02-18 | the Friday before Carnival 2026: Ash Wednesday
            """)
    void credits_on_the_first_business_day_strictly_after_payment(LocalDate paid, LocalDate credited, String why) {
        assertThat(calendar.firstBusinessDayAfter(paid)).isEqualTo(credited);
    }

    @ParameterizedTest(name = "{0} is a national holiday")
    @CsvSource({
            "2026-01-01", "2026-02-16", "2026-02-17", "2026-04-03", "2026-04-21", "2026-05-01", "2026-06-04",
            "2026-09-07", "2026-10-12", "2026-11-02", "2026-11-15", "2026-11-20", "2026-12-25",
            "2025-11-20", "2024-11-20", "2027-02-08", "2027-03-26", "2027-05-27"})
    void national_holidays(LocalDate date) {
        assertThat(calendar.isNationalHoliday(date)).isTrue();
        assertThat(calendar.isBusinessDay(date)).isFalse();
    }

    @ParameterizedTest(name = "{0} is no national holiday")
    @CsvSource({
            "2026-02-18",   // Ash Wednesday
            "2026-04-05",   // Easter Sunday: a Sunday, not a legal holiday
            "2023-11-20",   // Black Awareness Day became national in 2024
            "2026-07-09",   // São Paulo's state holiday
            "2026-01-25",   // São Paulo city's anniversary
            "2026-03-10"})
    void not_national_holidays(LocalDate date) {
        assertThat(calendar.isNationalHoliday(date)).isFalse();
    }

    @Test
    void black_awareness_day_2023_was_a_business_day() {
        assertThat(calendar.isBusinessDay(LocalDate.of(2023, 11, 20))).isTrue();
    }

    @Test
    void weekends_are_not_business_days() {
        assertThat(calendar.isBusinessDay(LocalDate.of(2026, 3, 14))).isFalse();
        assertThat(calendar.isBusinessDay(LocalDate.of(2026, 3, 15))).isFalse();
        assertThat(LocalDate.of(2026, 3, 14).getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
    }

    @Test
    void the_business_day_after_is_always_a_later_weekday_within_a_week() {
        for (LocalDate day = LocalDate.of(2024, 1, 1); day.isBefore(LocalDate.of(2031, 1, 1)); day = day.plusDays(1)) {
            LocalDate next = calendar.firstBusinessDayAfter(day);
            assertThat(next).isAfter(day).isBeforeOrEqualTo(day.plusDays(7));
            assertThat(calendar.isBusinessDay(next)).isTrue();
            for (LocalDate between = day.plusDays(1); between.isBefore(next); between = between.plusDays(1)) {
                assertThat(calendar.isBusinessDay(between)).isFalse();
            }
        }
    }
}
