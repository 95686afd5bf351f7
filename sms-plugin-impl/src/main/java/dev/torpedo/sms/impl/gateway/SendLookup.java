package dev.torpedo.sms.impl.gateway;

import dev.torpedo.sms.api.spi.OutboundSms;

import java.time.Instant;
import java.util.Objects;

/**
 * A gateway whose provider can say, afterwards, whether it holds a message: what settles an UNCERTAIN one (its
 * send timed out, or its node died mid-send) without ever sending it twice. Twilio can (its message list, by
 * recipient, newest first); Zenvia's API cannot.
 */
public interface SendLookup {

    /** What the provider says. */
    enum Found {
        /** It holds the message: it was sent. */
        SENT,
        /** Its records since the attempt are complete and the message is not there: it never arrived. */
        NOT_SENT,
        /** It cannot tell now (an error, records too many to cover the attempt): ask again later. */
        UNKNOWN
    }

    /** @param providerMessageId the provider's id when {@link Found#SENT}, else {@code null} */
    record Answer(Found found, String providerMessageId) {
        public Answer {
            Objects.requireNonNull(found, "found");
        }

        public static final Answer NOT_SENT = new Answer(Found.NOT_SENT, null);
        public static final Answer UNKNOWN = new Answer(Found.UNKNOWN, null);
    }

    /** Whether the provider holds {@code sms} (same recipient, same text), created at {@code since} or later. */
    Answer lookUp(OutboundSms sms, Instant since);
}
