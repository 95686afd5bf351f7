package dev.torpedo.sms.api.spi;

import dev.torpedo.sms.api.MessageEncoding;
import dev.torpedo.sms.api.MobileNumber;
import dev.torpedo.sms.api.StoreId;

import java.util.Objects;

/**
 * One message ready for a provider: final text, already within its segments.
 *
 * @param messageId the plugin's id of the message, unique; send it as the provider's external id
 * @param storeId   the store paying for it
 * @param to        the recipient
 * @param text      the whole text, sender prefix and contact suffix included
 * @param encoding  the encoding the segments were counted in
 * @param segments  how many segments the provider will bill (1 credit each)
 */
public record OutboundSms(String messageId, StoreId storeId, MobileNumber to, String text,
                          MessageEncoding encoding, int segments) {

    public OutboundSms {
        Objects.requireNonNull(messageId, "message id");
        Objects.requireNonNull(storeId, "store id");
        Objects.requireNonNull(to, "recipient");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(encoding, "encoding");
        if (segments < 1) {
            throw new IllegalArgumentException("A message has at least one segment");
        }
    }

    /** Leaves the text and the full number out: both are personal data. */
    @Override
    public String toString() {
        return "OutboundSms[" + messageId + " to " + to.masked() + ", " + segments + " segment(s)]";
    }
}
