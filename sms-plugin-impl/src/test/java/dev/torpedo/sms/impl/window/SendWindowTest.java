package dev.torpedo.sms.impl.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.impl.calendar.BrazilianCalendar;
import dev.torpedo.sms.impl.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SendWindowTest {

    private static final BrazilianCalendar CALENDAR = new BrazilianCalendar();

    private static final MobileNumber SAO_PAULO = MobileNumber.of("+5511912345678");
    private static final MobileNumber ACRE = MobileNumber.of("+5568912345678");
    private static final MobileNumber WESTERN_AMAZONAS = MobileNumber.of("+5597912345678");

    private final MutableClock clock = MutableClock.at("2026-03-10T12:00:00Z");
    private final SendWindow window = new SendWindow(clock, SendWindowOptions.defaults(), CALENDAR);

    /** An instant written as local time with its offset, the way a person reads it: "2026-03-10T08:59-03:00". */
    private static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    private SendWindow window(boolean skipSundays, boolean skipNationalHolidays) {
        return new SendWindow(clock, new SendWindowOptions(skipSundays, skipNationalHolidays), CALENDAR);
    }

    @Nested
    class In_sao_paulo {

        @Test
        void a_minute_before_nine_waits_for_nine_the_same_day() {
            Instant early = at("2026-03-10T08:59-03:00");

            assertThat(window.isOpen(SAO_PAULO, early)).isFalse();
            assertThat(window.nextOpening(SAO_PAULO, early)).isEqualTo(at("2026-03-10T09:00-03:00"));
        }

        @Test
        void nine_oclock_is_open() {
            assertThat(window.isOpen(SAO_PAULO, at("2026-03-10T09:00-03:00"))).isTrue();
        }

        @Test
        void a_minute_before_six_is_still_open_and_sends_now() {
            Instant late = at("2026-03-10T17:59-03:00");

            assertThat(window.isOpen(SAO_PAULO, late)).isTrue();
            assertThat(window.nextOpening(SAO_PAULO, late)).isEqualTo(late);
        }

        @Test
        void six_oclock_is_closed_and_waits_for_nine_the_next_day() {
            Instant six = at("2026-03-10T18:00-03:00");

            assertThat(window.isOpen(SAO_PAULO, six)).isFalse();
            assertThat(window.nextOpening(SAO_PAULO, six)).isEqualTo(at("2026-03-11T09:00-03:00"));
        }

        @Test
        void the_last_nanosecond_before_six_is_open() {
            assertThat(window.isOpen(SAO_PAULO, at("2026-03-10T18:00-03:00").minusNanos(1))).isTrue();
        }

        @Test
        void sends_on_sundays_and_holidays_by_default() {
            assertThat(window.nextOpening(SAO_PAULO, at("2026-03-14T20:00-03:00")))
                    .as("Saturday night: Sunday")
                    .isEqualTo(at("2026-03-15T09:00-03:00"));
            assertThat(window.nextOpening(SAO_PAULO, at("2026-04-20T19:00-03:00")))
                    .as("the night before Tiradentes: Tiradentes")
                    .isEqualTo(at("2026-04-21T09:00-03:00"));
        }
    }

    @Nested
    class In_acre {

        @Test
        void half_past_ten_in_brasilia_is_half_past_eight_in_acre_so_it_waits_until_eleven() {
            Instant halfPastTenInBrasilia = at("2026-03-10T10:30-03:00");

            assertThat(window.isOpen(ACRE, halfPastTenInBrasilia)).isFalse();
            assertThat(window.isOpen(SAO_PAULO, halfPastTenInBrasilia)).isTrue();
            assertThat(window.nextOpening(ACRE, halfPastTenInBrasilia)).isEqualTo(at("2026-03-10T11:00-03:00"));
        }

        @Test
        void closes_at_six_acre_time_which_is_eight_in_brasilia() {
            assertThat(window.closingOf(ACRE, at("2026-03-10T12:00-05:00"))).isEqualTo(at("2026-03-10T20:00-03:00"));
        }

        @Test
        void new_years_eve_late_at_night_waits_for_new_years_morning_in_acre() {
            // 23:00 in Acre is already 01:00 on January 1 in Brasília.
            Instant newYearsEve = at("2026-12-31T23:00-05:00");

            assertThat(window.nextOpening(ACRE, newYearsEve)).isEqualTo(at("2027-01-01T09:00-05:00"));
        }

        @Test
        void new_years_eve_late_at_night_skips_new_years_day_when_holidays_are_skipped() {
            Instant newYearsEve = at("2026-12-31T23:00-05:00");

            assertThat(window(false, true).nextOpening(ACRE, newYearsEve)).isEqualTo(at("2027-01-02T09:00-05:00"));
        }

        @Test
        void a_holiday_is_judged_by_the_recipients_own_date() {
            // 2026-04-20 22:30 in Acre is already Tiradentes (April 21) in Brasília, but not in Acre.
            SendWindow skippingHolidays = window(false, true);
            Instant stillMondayInAcre = at("2026-04-20T22:30-05:00");

            assertThat(skippingHolidays.nextOpening(ACRE, stillMondayInAcre)).isEqualTo(at("2026-04-22T09:00-05:00"));
            assertThat(skippingHolidays.nextOpening(ACRE, at("2026-04-20T16:00-05:00")))
                    .as("Monday afternoon in Acre is open, although Brasília is past six")
                    .isEqualTo(at("2026-04-20T16:00-05:00"));
        }
    }

    @Nested
    class In_western_amazonas_across_two_zones {

        @Test
        void half_past_nine_in_manaus_is_closed_because_eirunepe_is_at_half_past_eight() {
            Instant halfPastNineInManaus = at("2026-03-10T09:30-04:00");

            assertThat(window.isOpen(WESTERN_AMAZONAS, halfPastNineInManaus)).isFalse();
            assertThat(window.nextOpening(WESTERN_AMAZONAS, halfPastNineInManaus))
                    .isEqualTo(at("2026-03-10T10:00-04:00"));
        }

        @Test
        void opens_at_ten_in_manaus_which_is_nine_in_eirunepe() {
            assertThat(window.isOpen(WESTERN_AMAZONAS, at("2026-03-10T09:59:59-04:00"))).isFalse();
            assertThat(window.isOpen(WESTERN_AMAZONAS, at("2026-03-10T10:00-04:00"))).isTrue();
        }

        @Test
        void half_past_five_in_manaus_is_open_in_both() {
            Instant halfPastFive = at("2026-03-10T17:30-04:00");

            assertThat(window.isOpen(WESTERN_AMAZONAS, halfPastFive)).isTrue();
            assertThat(window.nextOpening(WESTERN_AMAZONAS, halfPastFive)).isEqualTo(halfPastFive);
        }

        @Test
        void closes_at_six_in_manaus_which_is_five_in_eirunepe() {
            Instant six = at("2026-03-10T18:00-04:00");

            assertThat(window.isOpen(WESTERN_AMAZONAS, six.minusNanos(1))).isTrue();
            assertThat(window.isOpen(WESTERN_AMAZONAS, six)).isFalse();
            assertThat(window.closingOf(WESTERN_AMAZONAS, at("2026-03-10T12:00-04:00"))).isEqualTo(six);
            assertThat(window.nextOpening(WESTERN_AMAZONAS, six)).isEqualTo(at("2026-03-11T10:00-04:00"));
        }
    }

    @Nested
    class Skipping_days {

        @Test
        void saturday_night_waits_for_monday_when_sundays_are_skipped() {
            Instant saturdayNight = at("2026-03-14T20:00-03:00");

            assertThat(window(true, false).nextOpening(SAO_PAULO, saturdayNight)).isEqualTo(at("2026-03-16T09:00-03:00"));
        }

        @Test
        void a_sunday_morning_is_closed_when_sundays_are_skipped() {
            assertThat(window(true, false).isOpen(SAO_PAULO, at("2026-03-15T10:00-03:00"))).isFalse();
        }

        @Test
        void the_night_before_a_holiday_waits_for_the_day_after_when_holidays_are_skipped() {
            // Tiradentes, Tuesday 2026-04-21.
            Instant mondayNight = at("2026-04-20T19:00-03:00");

            assertThat(window(false, true).nextOpening(SAO_PAULO, mondayNight)).isEqualTo(at("2026-04-22T09:00-03:00"));
        }

        @Test
        void carnival_monday_and_tuesday_are_skipped_with_the_holidays_but_ash_wednesday_is_not() {
            Instant fridayNight = at("2027-02-05T19:00-03:00");

            assertThat(window(true, true).nextOpening(SAO_PAULO, fridayNight))
                    .as("Saturday is neither a Sunday nor a holiday")
                    .isEqualTo(at("2027-02-06T09:00-03:00"));
            assertThat(window(true, true).nextOpening(SAO_PAULO, at("2027-02-06T18:00-03:00")))
                    .isEqualTo(at("2027-02-10T09:00-03:00"));
        }

        @Test
        void christmas_on_a_saturday_then_sunday_skips_both_options_together() {
            // 2027-12-25 is a Saturday.
            assertThat(window(true, true).nextOpening(SAO_PAULO, at("2027-12-24T18:30-03:00")))
                    .isEqualTo(at("2027-12-27T09:00-03:00"));
        }
    }

    @Nested
    class Closing {

        @Test
        void the_window_open_in_the_morning_closes_at_six_local() {
            assertThat(window.closingOf(SAO_PAULO, at("2026-03-10T10:00-03:00"))).isEqualTo(at("2026-03-10T18:00-03:00"));
        }

        @Test
        void there_is_no_closing_of_a_closed_window() {
            assertThatThrownBy(() -> window.closingOf(SAO_PAULO, at("2026-03-10T18:00-03:00")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("9****-5678")
                    .hasMessageNotContaining("912345678");
        }
    }

    @Nested
    class Earliest_send {

        @Test
        void is_the_next_opening_from_the_clock() {
            clock.set(at("2026-03-10T07:00-03:00"));
            assertThat(window.earliestSend(SAO_PAULO)).isEqualTo(at("2026-03-10T09:00-03:00"));

            clock.advance(Duration.ofHours(3));
            assertThat(window.earliestSend(SAO_PAULO)).isEqualTo(at("2026-03-10T10:00-03:00"));

            clock.advance(Duration.ofHours(9));
            assertThat(window.earliestSend(SAO_PAULO)).isEqualTo(at("2026-03-11T09:00-03:00"));
        }
    }

    @Nested
    class Any_zones {

        @Test
        void follows_daylight_saving_time_where_a_zone_has_it() {
            // São Paulo was at UTC−2 in December 2018.
            Instant eightFiftyNine = at("2018-12-10T08:59-02:00");

            assertThat(window.nextOpening(List.of(ZoneId.of("America/Sao_Paulo")), eightFiftyNine))
                    .isEqualTo(at("2018-12-10T09:00-02:00"));
        }

        @Test
        void intersects_any_zones_that_overlap() {
            List<ZoneId> saoPauloAndAcre = List.of(ZoneId.of("America/Sao_Paulo"), ZoneId.of("America/Rio_Branco"));

            assertThat(window.nextOpening(saoPauloAndAcre, at("2026-03-10T09:00-03:00")))
                    .isEqualTo(at("2026-03-10T11:00-03:00"));
            assertThat(window.nextOpening(saoPauloAndAcre, at("2026-03-10T18:00-03:00")))
                    .isEqualTo(at("2026-03-11T11:00-03:00"));
        }

        @Test
        void gives_up_on_zones_whose_windows_never_meet() {
            List<ZoneId> saoPauloAndTokyo = List.of(ZoneId.of("America/Sao_Paulo"), ZoneId.of("Asia/Tokyo"));

            assertThatThrownBy(() -> window.nextOpening(saoPauloAndTokyo, at("2026-03-10T09:00-03:00")))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void a_recipients_times_are_shown_in_the_zone_of_their_ddd_the_first_of_two_for_97() {
        assertThat(window.localZone(SAO_PAULO)).isEqualTo(ZoneId.of("America/Sao_Paulo"));
        assertThat(window.localZone(ACRE)).isEqualTo(ZoneId.of("America/Rio_Branco"));
        assertThat(window.localZone(WESTERN_AMAZONAS)).isEqualTo(ZoneId.of("America/Manaus"));
        assertThat(SendWindow.zoneOfAreaCode(68)).isEqualTo(ZoneId.of("America/Rio_Branco"));
        assertThatThrownBy(() -> SendWindow.zoneOfAreaCode(20)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_window_is_nine_to_six_a_product_rule() {
        assertThat(SendWindow.OPENS).isEqualTo(LocalTime.of(9, 0));
        assertThat(SendWindow.CLOSES).isEqualTo(LocalTime.of(18, 0));
    }
}
