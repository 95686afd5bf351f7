package dev.torpedo.sms.impl.receipt;

import dev.torpedo.sms.impl.phone.NumbersInText;

/** Makes what providers send safe for a log line. */
final class Logs {

    private static final int MAX = 100;

    private Logs() {
    }

    /**
     * Short, one line, no phone number: an id or a code from a request cannot forge or flood log lines, nor put a
     * shopper's number in one.
     */
    static String safe(String text) {
        if (text == null) {
            return null;
        }
        return NumbersInText.masked(text.length() <= MAX ? text : text.substring(0, MAX) + "...");
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
