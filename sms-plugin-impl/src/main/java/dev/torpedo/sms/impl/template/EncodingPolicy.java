package dev.torpedo.sms.impl.template;

import dev.torpedo.sms.impl.encoding.Gsm7Transliterator;

/**
 * What to do with characters outside the GSM-7 alphabet in the values of a message (names, labels, the sender).
 * One such character turns the whole message into UCS-2, which holds 70 characters a segment instead of 160, and
 * some carriers (Oi) do not show Unicode at all.
 */
public enum EncodingPolicy {
    /** Default: "Conceição" becomes "Conceicao", so messages stay GSM-7. */
    TRANSLITERATE {
        @Override
        String apply(String value) {
            return Gsm7Transliterator.toGsm7(value);
        }
    },
    /** Keep accents as typed; messages with ã, õ, ç or emoji go out as UCS-2 and cost more segments. */
    UNICODE {
        @Override
        String apply(String value) {
            return value;
        }
    };

    abstract String apply(String value);
}
