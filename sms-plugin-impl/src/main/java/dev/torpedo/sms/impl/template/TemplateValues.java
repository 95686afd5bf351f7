package dev.torpedo.sms.impl.template;

import java.text.Normalizer;

/** Turns any value a host or shopper typed into one clean line of text for an SMS. */
final class TemplateValues {

    static final String ELLIPSIS = "...";

    private TemplateValues() {
    }

    /**
     * One line: line breaks and control characters become spaces, runs of spaces fold into one, an unpaired
     * surrogate becomes '?', and accents typed as combining marks are composed (so "e" + acute is "é", a GSM-7
     * character).
     */
    static String clean(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        boolean pendingSpace = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('?');
            } else {
                out.append(c);
            }
        }
        return Normalizer.normalize(out, Normalizer.Form.NFC);
    }

    /** Cuts the value to at most {@code length} characters, the last three being "...", never inside a surrogate pair. */
    static String shorten(String value, int length) {
        if (value.length() <= length) {
            return value;
        }
        int keep = Math.max(0, length - ELLIPSIS.length());
        if (keep > 0 && Character.isHighSurrogate(value.charAt(keep - 1))) {
            keep--;
        }
        return value.substring(0, keep) + ELLIPSIS;
    }
}
