package dev.torpedo.sms.impl.template;

import dev.torpedo.sms.api.spi.SmsProfile;
import dev.torpedo.sms.impl.encoding.Gsm7Transliterator;

/**
 * What to do with characters outside the provider's standard set ({@link SmsProfile}) in the values of a message
 * (names, labels, the sender). One such character turns the whole message into unicode, which holds 70 characters
 * a segment instead of 160, and some carriers (Oi) do not show unicode at all.
 */
public enum EncodingPolicy {
    /** Default: "Conceição" becomes "Conceicao" (and under Zenvia "José" "Jose"), so messages stay standard. */
    TRANSLITERATE {
        @Override
        String apply(String value, SmsProfile profile) {
            return Gsm7Transliterator.toStandard(value, profile);
        }
    },
    /** Keep accents as typed; messages with ã, õ, ç or emoji go out as UCS-2 and cost more segments. */
    UNICODE {
        @Override
        String apply(String value, SmsProfile profile) {
            return value;
        }
    };

    abstract String apply(String value, SmsProfile profile);
}
