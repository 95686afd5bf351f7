package dev.torpedo.sms.impl.template;

import dev.torpedo.sms.api.spi.SmsProfile;

import java.util.Objects;

/**
 * How messages are rendered on this platform.
 *
 * @param encodingPolicy what happens to characters outside the provider's standard set in the values
 * @param maxSegments    the most segments (credits) one message may take; longer values are shortened to fit
 * @param profile        how the active gateway's provider encodes, counts and cuts: what a message costs
 */
public record RenderingOptions(EncodingPolicy encodingPolicy, int maxSegments, SmsProfile profile) {

    public static final int MAX_SEGMENTS_LIMIT = 10;

    public RenderingOptions {
        Objects.requireNonNull(encodingPolicy, "encoding policy");
        Objects.requireNonNull(profile, "profile");
        if (maxSegments < 1 || maxSegments > MAX_SEGMENTS_LIMIT) {
            throw new IllegalArgumentException("A message may take 1 to " + MAX_SEGMENTS_LIMIT + " segments, not " + maxSegments);
        }
    }

    /** Under GSM 03.38. */
    public RenderingOptions(EncodingPolicy encodingPolicy, int maxSegments) {
        this(encodingPolicy, maxSegments, SmsProfile.GSM_03_38);
    }

    /** Transliterate to GSM 03.38 and fit one segment. */
    public static RenderingOptions defaults() {
        return new RenderingOptions(EncodingPolicy.TRANSLITERATE, 1);
    }

    /** These options for a provider that counts by {@code profile}. */
    public RenderingOptions forProfile(SmsProfile profile) {
        return new RenderingOptions(encodingPolicy, maxSegments, profile);
    }
}
