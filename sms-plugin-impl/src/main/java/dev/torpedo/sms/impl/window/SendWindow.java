package dev.torpedo.sms.impl.window;

import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.impl.calendar.BrazilianCalendar;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * When an SMS may go out: from 09:00 to 18:00 (excluded) in the recipient's local time, the zone coming
 * from the DDD. Where a DDD spans two zones (97), the window is open only when it is open in both.
 * Thread-safe.
 *
 * <pre>{@code
 * var window = new SendWindow(clock, SendWindowOptions.defaults(), new BrazilianCalendar());
 * MobileNumber to = MobileNumber.of("+5511912345678");
 * window.isOpen(to, Instant.parse("2026-03-10T11:59:00Z"));        // false: 08:59 in São Paulo
 * window.nextOpening(to, Instant.parse("2026-03-10T11:59:00Z"));   // 2026-03-10T12:00:00Z, 09:00 there
 * window.earliestSend(to);                                          // nextOpening(to, clock.instant())
 * }</pre>
 */
public final class SendWindow {

    /** Product rule, not a setting: the first local time a message may go out. */
    static final LocalTime OPENS = LocalTime.of(9, 0);
    /** Product rule, not a setting: the window closes at 18:00, and 18:00 itself is closed. */
    static final LocalTime CLOSES = LocalTime.of(18, 0);

    /*
     * Bounds on loops that always end for Brazil's zones; they turn a table mistake (zones more than
     * nine hours apart, whose windows never meet) into an exception rather than a hung dispatcher.
     */
    private static final int MAX_ZONE_ROUNDS = 16;
    private static final int MAX_SKIPPED_DAYS = 31;

    private final Clock clock;
    private final SendWindowOptions options;
    private final BrazilianCalendar calendar;

    public SendWindow(Clock clock, SendWindowOptions options, BrazilianCalendar calendar) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
    }

    /** Whether a message to {@code to} may go out at {@code at}. */
    public boolean isOpen(MobileNumber to, Instant at) {
        Objects.requireNonNull(at, "at");
        return zonesOf(to).stream().allMatch(zone -> isOpenIn(zone, at));
    }

    /** {@code at} itself when the window is open, else the start of the next window for {@code to}. */
    public Instant nextOpening(MobileNumber to, Instant at) {
        Objects.requireNonNull(at, "at");
        return nextOpening(zonesOf(to), at);
    }

    /** The earliest instant, from now on, that a message to {@code to} may go out. */
    public Instant earliestSend(MobileNumber to) {
        return nextOpening(to, clock.instant());
    }

    /**
     * When the window open at {@code at} closes for {@code to}: a send must not start at or after it.
     *
     * @throws IllegalStateException if the window is closed at {@code at}
     */
    public Instant closingOf(MobileNumber to, Instant at) {
        if (!isOpen(to, at)) {
            throw new IllegalStateException("The send window for " + to + " is closed at " + at);
        }
        // Open everywhere, so the earliest local 18:00 among the zones ends the intersection.
        return zonesOf(to).stream()
                .map(zone -> ZonedDateTime.of(at.atZone(zone).toLocalDate(), CLOSES, zone).toInstant())
                .min(Instant::compareTo)
                .orElseThrow();
    }

    /**
     * The zone to show {@code to}'s times in: its DDD's zone (for 97, which spans two, the first: Manaus). A
     * recipient's times are shown in it, never in UTC.
     */
    public ZoneId localZone(MobileNumber to) {
        return zoneOfAreaCode(Objects.requireNonNull(to, "to").areaCode());
    }

    /**
     * {@link #localZone} by DDD alone, for screens that know only a masked number.
     *
     * @throws IllegalArgumentException if Brazil has no such DDD
     */
    public static ZoneId zoneOfAreaCode(int ddd) {
        return AreaCodeZones.zonesOf(ddd).get(0);
    }

    private static List<ZoneId> zonesOf(MobileNumber to) {
        return AreaCodeZones.zonesOf(Objects.requireNonNull(to, "to").areaCode());
    }

    /**
     * The first instant at or after {@code at} that is open in every zone: move to the latest of the zones'
     * next openings until one instant suits them all. Each round can only move forward, and every zone is
     * open from its own next opening, so this reaches the intersection when there is one.
     */
    Instant nextOpening(List<ZoneId> zones, Instant at) {
        Instant candidate = at;
        for (int round = 0; round < MAX_ZONE_ROUNDS; round++) {
            Instant latest = candidate;
            for (ZoneId zone : zones) {
                Instant opening = nextOpeningIn(zone, candidate);
                if (opening.isAfter(latest)) {
                    latest = opening;
                }
            }
            if (latest.equals(candidate)) {
                return candidate;
            }
            candidate = latest;
        }
        throw new IllegalStateException("The send windows of " + zones + " never meet after " + at);
    }

    private boolean isOpenIn(ZoneId zone, Instant at) {
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        return isSendingDay(local.toLocalDate()) && !time.isBefore(OPENS) && time.isBefore(CLOSES);
    }

    private Instant nextOpeningIn(ZoneId zone, Instant at) {
        if (isOpenIn(zone, at)) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        LocalDate day = local.toLocalTime().isBefore(OPENS) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        LocalDate lastTried = day.plusDays(MAX_SKIPPED_DAYS);
        while (!isSendingDay(day)) {
            if (!day.isBefore(lastTried)) {
                throw new IllegalStateException("No sending day within " + MAX_SKIPPED_DAYS + " days of " + at);
            }
            day = day.plusDays(1);
        }
        // ZonedDateTime resolves a 09:00 that a DST change skips to the first valid instant after it.
        return ZonedDateTime.of(day, OPENS, zone).toInstant();
    }

    private boolean isSendingDay(LocalDate day) {
        if (options.skipSundays() && day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return false;
        }
        return !(options.skipNationalHolidays() && calendar.isNationalHoliday(day));
    }
}
