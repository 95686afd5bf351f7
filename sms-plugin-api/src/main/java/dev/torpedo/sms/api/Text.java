package dev.torpedo.sms.api;

/** Small text helpers shared by the value types of this package. */
final class Text {

    private static final int QUOTE_LIMIT = 40;

    private Text() {
    }

    /** Quotes a rejected value for an error message, cut short so that huge input stays out of logs. */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() > QUOTE_LIMIT ? value.substring(0, QUOTE_LIMIT) + "..." : value;
        return '"' + shown + '"';
    }

    /** True when the text holds an ISO control character (line breaks included). */
    static boolean hasControlCharacter(String value) {
        return value.chars().anyMatch(Character::isISOControl);
    }
}
