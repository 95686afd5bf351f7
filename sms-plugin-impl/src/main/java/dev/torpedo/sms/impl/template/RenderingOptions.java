package dev.torpedo.sms.impl.template;

import java.util.Objects;

/**
 * How messages are rendered on this platform.
 *
 * @param encodingPolicy what happens to characters outside GSM-7 in the values
 * @param maxSegments    the most segments (credits) one message may take; longer values are shortened to fit
 */
public record RenderingOptions(EncodingPolicy encodingPolicy, int maxSegments) {

    public static final int MAX_SEGMENTS_LIMIT = 10;

    public RenderingOptions {
        Objects.requireNonNull(encodingPolicy, "encoding policy");
        if (maxSegments < 1 || maxSegments > MAX_SEGMENTS_LIMIT) {
            throw new IllegalArgumentException("A message may take 1 to " + MAX_SEGMENTS_LIMIT + " segments, not " + maxSegments);
        }
    }

    /** Transliterate to GSM-7 and fit one segment. */
    public static RenderingOptions defaults() {
        return new RenderingOptions(EncodingPolicy.TRANSLITERATE, 1);
    }
}
