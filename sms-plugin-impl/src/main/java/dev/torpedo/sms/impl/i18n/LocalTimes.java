package dev.torpedo.sms.impl.i18n;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Instants as people read them, in a zone they know and with its name: "amanhã às 09:00 (horário de
 * Brasília)", "hoje às 14:05 (horário do Amazonas)", "12/03/2027 às 09:00 (horário de Brasília)". Never UTC.
 *
 * <pre>{@code
 * LocalTimes.describe(Instant.parse("2026-12-02T12:00:00Z"), ZoneId.of("America/Sao_Paulo"),
 *         Instant.parse("2026-12-01T23:00:00Z"), Locale.forLanguageTag("pt-BR"));
 * // "amanhã às 09:00 (horário de Brasília)"
 * }</pre>
 */
public final class LocalTimes {

    private LocalTimes() {
    }

    /** {@code at} in {@code zone}, said relative to {@code now}'s day there: today, tomorrow, or the date. */
    public static String describe(Instant at, ZoneId zone, Instant now, Locale locale) {
        ZonedDateTime local = at.atZone(zone);
        LocalDate today = now.atZone(zone).toLocalDate();
        String time = local.format(DateTimeFormatter.ofPattern("HH:mm", locale));
        String key;
        if (local.toLocalDate().equals(today)) {
            key = "time.today";
        } else if (local.toLocalDate().equals(today.plusDays(1))) {
            key = "time.tomorrow";
        } else {
            key = "time.on-date";
        }
        return Messages.get(key, locale, time, date(local.toLocalDate(), locale), zoneName(zone, locale));
    }

    /** {@code at} in {@code zone} with its date: "01/12/2026 14:05 (horário de Brasília)". */
    public static String dateTime(Instant at, ZoneId zone, Locale locale) {
        ZonedDateTime local = at.atZone(zone);
        return Messages.get("time.date-time", locale, date(local.toLocalDate(), locale),
                local.format(DateTimeFormatter.ofPattern("HH:mm", locale)), zoneName(zone, locale));
    }

    /** A day as the locale writes it: 10/02/2027, or 2027-02-10 in English. */
    public static String date(LocalDate day, Locale locale) {
        return day.format(DateTimeFormatter.ofPattern(Messages.get("time.date-pattern", locale), locale));
    }

    /** "horário de Brasília", "horário do Amazonas", "Brasilia Time": the zone's generic name, as CLDR gives it. */
    public static String zoneName(ZoneId zone, Locale locale) {
        // The generic name ("vvvv") does not change with the date, so any instant will do.
        String name = DateTimeFormatter.ofPattern("vvvv", locale).format(Instant.EPOCH.atZone(zone));
        return "pt".equals(locale.getLanguage()) || locale.getLanguage().isEmpty()
                ? Character.toLowerCase(name.charAt(0)) + name.substring(1) : name;
    }
}
