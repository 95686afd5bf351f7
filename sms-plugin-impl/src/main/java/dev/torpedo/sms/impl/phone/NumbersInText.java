package dev.torpedo.sms.impl.phone;

import java.util.regex.Pattern;

/**
 * Free text that came from outside (a page address, a product id typed into a form) made fit for a log line:
 * anything that looks like a phone number (eight digits or more, with or without separators) is replaced, control
 * and invisible format characters (a right-to-left override) become {@code ?}, and the text is cut at 200
 * characters.
 *
 * <pre>{@code
 * log.info("no store serves the page {}", NumbersInText.masked(page));   // /loja/p/[number]
 * }</pre>
 */
public final class NumbersInText {

    private static final Pattern NUMBER_LIKE = Pattern.compile("\\+?(?:\\d[\\s().-]{0,2}){8,}");
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
