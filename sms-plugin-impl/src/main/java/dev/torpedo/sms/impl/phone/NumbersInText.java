package dev.torpedo.sms.impl.phone;

import java.util.regex.Pattern;

/**
 * Free text that came from outside (a page address, a product id typed into a form) made fit for a log line:
 * anything written like a phone number (a DDD and 8 or 9 digits, with or without +55 and separators) is replaced, control
 * and invisible format characters (a right-to-left override) become {@code ?}, and the text is cut at 200
 * characters.
 *
 * <pre>{@code
 * log.info("no store serves the page {}", NumbersInText.masked(page));   // /loja/p/[number]
 * }</pre>
 */
public final class NumbersInText {

    /** A Brazilian number in the ways people write one: +55 or not, the DDD in brackets or not, 8 or 9 digits. */
    private static final Pattern NUMBER_LIKE = Pattern.compile(
            // Digits alone, not inside a longer run; or the DDD in brackets, wherever it starts.
            "(?<!\\d)(?:\\+?55[\\s.-]?)?\\d{2}[\\s.-]?(?:9[\\s.-]?)?\\d{4}[\\s.-]?\\d{4}(?!\\d)"
                    + "|(?:\\+?55[\\s.-]?)?\\(\\d{2}\\)[\\s.-]?(?:9[\\s.-]?)?\\d{4}[\\s.-]?\\d{4}");
    private static final int MAX = 200;

    private NumbersInText() {
    }

    public static String masked(String text) {
        if (text == null) {
            return null;
        }
        String clipped = text.length() <= MAX ? text : text.substring(0, MAX) + "...";
        return NUMBER_LIKE.matcher(clipped.replaceAll("[\\p{Cntrl}\\p{Cf}]", "?")).replaceAll("[number]");
    }
}
