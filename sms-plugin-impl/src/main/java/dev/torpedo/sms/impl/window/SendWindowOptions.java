package dev.torpedo.sms.impl.window;

/**
 * A store's choices about the days the send window opens: by default every day, Sundays and national
 * holidays included.
 *
 * <pre>{@code
 * SendWindowOptions.defaults();               // every day
 * new SendWindowOptions(true, true);          // no SMS on Sundays nor on national holidays
 * }</pre>
 *
 * @param skipSundays          no window on a Sunday in the recipient's local date
 * @param skipNationalHolidays no window on a national holiday (Carnival included) in the recipient's local date
 */
public record SendWindowOptions(boolean skipSundays, boolean skipNationalHolidays) {

    /** Both off: the window opens every day. */
    public static SendWindowOptions defaults() {
        return new SendWindowOptions(false, false);
    }
}
