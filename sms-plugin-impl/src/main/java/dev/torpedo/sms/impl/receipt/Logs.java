package dev.torpedo.sms.impl.receipt;

/** Makes what providers send safe for a log line. */
final class Logs {

    private static final int MAX = 100;

    private Logs() {
    }

    /** Short, one line: an id or a code from a request cannot forge or flood log lines. */
    static String safe(String text) {
        if (text == null) {
            return null;
        }
        String clipped = text.length() <= MAX ? text : text.substring(0, MAX) + "...";
        return clipped.replaceAll("\\p{Cntrl}", "?");
    }

    /**
     * A number that is not a valid Brazilian mobile, masked all the same: only its last four digits, so that
     * a log line still helps match a complaint without holding the number.
     */
    static String maskedRaw(String number) {
        if (number == null) {
            return "(none)";
        }
        String digits = number.replaceAll("\\D", "");
        return digits.length() < 8 ? "****" : "****" + digits.substring(digits.length() - 4);
    }
}
