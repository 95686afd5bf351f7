package dev.torpedo.sms.api;

/**
 * How a message's text travels to the handset, which decides how many characters fit a segment: the provider's
 * standard 7-bit encoding, or unicode. The capacities here are GSM 03.38's; a provider's own are in its
 * {@link dev.torpedo.sms.api.spi.SmsProfile}.
 */
public enum MessageEncoding {
    /** The provider's standard 7-bit encoding, GSM 03.38: 160 characters in one segment, 153 in each part of a long one. */
    GSM_7(160, 153),
    /** UTF-16: 70 units in one segment, 67 in each part of a long one. Needed for ã, õ, ç, emoji. */
    UCS_2(70, 67);

    private final int singleSegmentCapacity;
    private final int concatenatedSegmentCapacity;

    MessageEncoding(int singleSegmentCapacity, int concatenatedSegmentCapacity) {
        this.singleSegmentCapacity = singleSegmentCapacity;
        this.concatenatedSegmentCapacity = concatenatedSegmentCapacity;
    }

    /** Units (septets or UTF-16 code units) that fit a message sent as one segment. */
    public int singleSegmentCapacity() {
        return singleSegmentCapacity;
    }

    /** Units that fit each segment of a concatenated message (the rest carries the joining header). */
    public int concatenatedSegmentCapacity() {
        return concatenatedSegmentCapacity;
    }
}
