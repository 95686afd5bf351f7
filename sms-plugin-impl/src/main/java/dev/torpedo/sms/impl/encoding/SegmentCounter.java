package dev.torpedo.sms.impl.encoding;

import dev.torpedo.sms.api.MessageEncoding;
import dev.torpedo.sms.api.spi.SmsProfile;

/**
 * Decides a text's encoding and counts its parts by a provider's {@link SmsProfile}, because credits are charged
 * per part and this runs for every message enqueued: a store must pay what its provider bills, no less.
 */
public final class SegmentCounter {

    private SegmentCounter() {
    }

    /** {@link #encode(String, SmsProfile)} under {@link SmsProfile#GSM_03_38}. */
    public static EncodedText encode(String text) {
        return encode(text, SmsProfile.GSM_03_38);
    }

    /**
     * The text as the provider will send it (its spaces collapsed, if it does that), in its standard encoding when
     * every character is in the profile's standard set, otherwise in unicode, and the parts it takes.
     *
     * @throws NullPointerException when {@code text} or {@code profile} is null
     */
    public static EncodedText encode(String text, SmsProfile profile) {
        String sent = normalized(text, profile);
        StandardSet standard = StandardSet.of(profile);
        if (standard.holdsAll(sent)) {
            Units septets = new Septets(standard);
            int units = septets.width(sent, 0, sent.length());
            return new EncodedText(sent, MessageEncoding.GSM_7, units,
                    parts(sent, septets, units, profile.standardSingle(), profile.standardPart(), profile.cut()));
        }
        int units = sent.length();
        return new EncodedText(sent, MessageEncoding.UCS_2, units,
                parts(sent, UTF_16, units, profile.unicodeSingle(), profile.unicodePart(), profile.cut()));
    }

    /** Whether every character of {@code text} is in GSM 03.38 (default alphabet or extension table). */
    public static boolean isGsm7(CharSequence text) {
        return isStandard(text, SmsProfile.GSM_03_38);
    }

    /** Whether every character of {@code text} is in the profile's standard set. */
    public static boolean isStandard(CharSequence text, SmsProfile profile) {
        return StandardSet.of(profile).holdsAll(text);
    }

    /** {@code text} with the rewriting the provider does before it counts: tabs and runs of spaces made one space. */
    static String normalized(String text, SmsProfile profile) {
        if (!profile.collapsesSpaces() || (text.indexOf('\t') < 0 && !text.contains("  "))) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean inBlank = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean blank = c == ' ' || c == '\t';
            if (!blank || !inBlank) {
                out.append(blank ? ' ' : c);
            }
            inBlank = blank;
        }
        return out.toString();
    }

    /**
     * Indivisible pieces of a text and their units: in the standard encoding a character (an escape pair counts
     * 2), in unicode a UTF-16 unit or a surrogate pair (2), which splitting would show as garbage on the handset.
     */
    private interface Units {

        /** Chars taken by the piece at {@code i}. */
        int length(String text, int i);

        /** Units of the piece at {@code i}. */
        int units(String text, int i);

        default int width(String text, int from, int to) {
            int width = 0;
            for (int i = from; i < to; i += length(text, i)) {
                width += units(text, i);
            }
            return width;
        }
    }

    private record Septets(StandardSet standard) implements Units {

        @Override
        public int length(String text, int i) {
            return 1;
        }

        @Override
        public int units(String text, int i) {
            return standard.units(text.charAt(i));
        }
    }

    private static final Units UTF_16 = new Units() {
        @Override
        public int length(String text, int i) {
            return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1;
        }

        @Override
        public int units(String text, int i) {
            return length(text, i);
        }
    };

    private static int parts(String text, Units units, int total, int single, int part, SmsProfile.Cut cut) {
        if (total <= single) {
            return 1;
        }
        return cut == SmsProfile.Cut.AT_SPACES ? partsAtSpaces(text, units, part)
                : cutAnywhere(text, 0, text.length(), units, part)[0];
    }

    /** Fills parts piece by piece; returns {parts, units used in the last}. */
    private static int[] cutAnywhere(String text, int from, int to, Units units, int part) {
        int parts = 1;
        int used = 0;
        for (int i = from; i < to; i += units.length(text, i)) {
            int width = units.units(text, i);
            if (used + width > part) {
                parts++;
                used = width;
            } else {
                used += width;
            }
        }
        return new int[]{parts, used};
    }

    /** Fills parts word by word; the space where a part ends is sent in neither part. */
    private static int partsAtSpaces(String text, Units units, int part) {
        int parts = 0;
        int used = 0;
        for (int start = 0; start <= text.length(); ) {
            int end = text.indexOf(' ', start);
            if (end < 0) {
                end = text.length();
            }
            int word = units.width(text, start, end);
            if (parts > 0 && used + 1 + word <= part) {
                used += 1 + word;
            } else if (parts > 0 && word == 0) {
                // A space that ends a full part: the cut itself.
            } else if (word <= part) {
                parts++;
                used = word;
            } else {
                int[] cut = cutAnywhere(text, start, end, units, part);
                parts += cut[0];
                used = cut[1];
            }
            start = end + 1;
        }
        return parts;
    }
}
