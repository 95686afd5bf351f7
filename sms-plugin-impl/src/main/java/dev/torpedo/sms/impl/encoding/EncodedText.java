package dev.torpedo.sms.impl.encoding;

import dev.torpedo.sms.api.MessageEncoding;

import java.util.Objects;

/**
 * A message text with the encoding it will travel in and what it costs, so that callers can
 * show and charge the price before sending.
 *
 * @param text     the text as it will be sent
 * @param encoding GSM-7 when every character allows it, otherwise UCS-2
 * @param units    septets for GSM-7 (an extension character counts 2), UTF-16 code units for UCS-2
 * @param segments the SMS parts the text is split into; an empty text still takes one
 */
public record EncodedText(String text, MessageEncoding encoding, int units, int segments) {

    public EncodedText {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(encoding, "encoding");
        if (units < 0) {
            throw new IllegalArgumentException("units must not be negative: " + units);
        }
        if (segments < 1) {
            throw new IllegalArgumentException("segments must be at least 1: " + segments);
        }
    }

    /** Credits this text consumes: one per segment. */
    public int credits() {
        return segments;
    }
}
