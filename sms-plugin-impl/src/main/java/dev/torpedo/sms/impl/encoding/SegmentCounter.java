package dev.torpedo.sms.impl.encoding;

import dev.torpedo.sms.api.MessageEncoding;

/**
 * Decides a text's encoding and counts its segments, because credits are charged per segment and
 * this runs for every message enqueued.
 */
public final class SegmentCounter {

    private SegmentCounter() {
    }

    /**
     * Encodes {@code text} as GSM-7 when every character is in the GSM 03.38 alphabet or its
     * extension table, otherwise as UCS-2, and counts the segments it takes.
     *
     * @throws NullPointerException when {@code text} is null
     */
    public static EncodedText encode(String text) {
        int length = text.length();
        int units = 0;
        int segments = 1;
        int used = 0;
        int capacity = MessageEncoding.GSM_7.concatenatedSegmentCapacity();
        for (int i = 0; i < length; i++) {
            int septets = Gsm7Alphabet.septets(text.charAt(i));
            if (septets == Gsm7Alphabet.NOT_GSM) {
                return encodeUcs2(text);
            }
            units += septets;
            // An escape and its character must arrive in the same part, so a pair that does not fit moves on.
            if (used + septets > capacity) {
                segments++;
                used = septets;
            } else {
                used += septets;
            }
        }
        return result(text, MessageEncoding.GSM_7, units, segments);
    }

    /** Whether every character of {@code text} can be sent as GSM-7 (default alphabet or extension table). */
    public static boolean isGsm7(CharSequence text) {
        return Gsm7Alphabet.firstNonGsm(text) < 0;
    }

    private static EncodedText encodeUcs2(String text) {
        int length = text.length();
        int segments = 1;
        int used = 0;
        int capacity = MessageEncoding.UCS_2.concatenatedSegmentCapacity();
        int i = 0;
        while (i < length) {
            int width = isSurrogatePairAt(text, i) ? 2 : 1;
            // Splitting a surrogate pair would leave both parts showing garbage on the handset.
            if (used + width > capacity) {
                segments++;
                used = width;
            } else {
                used += width;
            }
            i += width;
        }
        return result(text, MessageEncoding.UCS_2, length, segments);
    }

    private static boolean isSurrogatePairAt(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i))
                && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }

    private static EncodedText result(String text, MessageEncoding encoding, int units, int concatenatedSegments) {
        int segments = units <= encoding.singleSegmentCapacity() ? 1 : concatenatedSegments;
        return new EncodedText(text, encoding, units, segments);
    }
}
