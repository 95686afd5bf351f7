package dev.torpedo.sms.impl.calendar;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Year;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brazil's national non-working days and business days, as the plugin counts them: jollyday's national
 * calendar, adjusted so that Carnival Monday and Tuesday are holidays and Ash Wednesday and Easter Sunday
 * are not. Thread-safe; holidays are computed once per year.
 *
 * <pre>{@code
 * var calendar = new BrazilianCalendar();
 * calendar.isNationalHoliday(LocalDate.of(2027, 2, 8));     // true: Carnival Monday
 * calendar.isBusinessDay(LocalDate.of(2027, 2, 10));        // true: Ash Wednesday
 * calendar.firstBusinessDayAfter(LocalDate.of(2027, 2, 5)); // 2027-02-10
 * }</pre>
 */
public final class BrazilianCalendar {

    // jollyday's keys for the movable feasts we adjust (its Holidays_br.xml, checked in the tests).
    static final String CARNIVAL_TUESDAY = "christian.CARNIVAL";
    static final String ASH_WEDNESDAY = "christian.ASH_WEDNESDAY";
    static final String EASTER_SUNDAY = "christian.EASTER";

    private final HolidayManager holidays;
    private final Map<Integer, Set<LocalDate>> byYear = new ConcurrentHashMap<>();

    /** The calendar from jollyday's Brazilian holidays. */
    public BrazilianCalendar() {
        this(HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.BRAZIL)));
    }

    BrazilianCalendar(HolidayManager holidays) {
        this.holidays = Objects.requireNonNull(holidays, "holidays");
    }

    /**
     * Whether {@code date} is a national non-working day: the fixed national holidays (with Black Awareness
     * Day, November 20, from 2024), Carnival Monday and Tuesday, Good Friday and Corpus Christi. Not Ash
     * Wednesday (work starts at noon), not Easter Sunday (a Sunday, not a legal holiday), not state or city
     * holidays.
     */
    public boolean isNationalHoliday(LocalDate date) {
        Objects.requireNonNull(date, "date");
        return holidaysOf(date.getYear()).contains(date);
    }

    /** Whether {@code date} is a weekday that is not a {@linkplain #isNationalHoliday national holiday}. */
    public boolean isBusinessDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !isNationalHoliday(date);
    }

    /** The first business day strictly after {@code date}, such as the day a paid purchase is credited. */
    public LocalDate firstBusinessDayAfter(LocalDate date) {
        LocalDate next = date.plusDays(1);
        while (!isBusinessDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }

    Set<LocalDate> holidaysOf(int year) {
        return byYear.computeIfAbsent(year, this::computeHolidays);
    }

    private Set<LocalDate> computeHolidays(int year) {
        Set<LocalDate> dates = new HashSet<>();
        boolean carnivalFound = false;
        for (Holiday holiday : holidays.getHolidays(Year.of(year))) {
            // An observance (should jollyday ever list one for Brazil) is not a day off.
            if (holiday.getType() == HolidayType.OBSERVANCE) {
                continue;
            }
            String key = holiday.getPropertiesKey();
            if (ASH_WEDNESDAY.equals(key) || EASTER_SUNDAY.equals(key)) {
                continue;
            }
            dates.add(holiday.getDate());
            if (CARNIVAL_TUESDAY.equals(key)) {
                // jollyday lists only Carnival Tuesday; the whole country is off on Monday as well.
                dates.add(holiday.getDate().minusDays(1));
                carnivalFound = true;
            }
        }
        if (!carnivalFound) {
            // A jollyday upgrade that renames its keys must fail loudly, not credit purchases on Carnival.
            throw new IllegalStateException("jollyday no longer lists " + CARNIVAL_TUESDAY + " for Brazil in " + year);
        }
        return Set.copyOf(dates);
    }
}
