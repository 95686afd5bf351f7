package dev.torpedo.sms.impl.encoding;

/**
 * The GSM 03.38 default alphabet and its extension table, as a lookup the hot path can afford.
 */
final class Gsm7Alphabet {

    static final int NOT_GSM = 0;
    static final int BASIC = 1;
    static final int EXTENSION = 2;

    // ESC (0x1B) is left out on purpose: it only introduces an extension character on the wire.
    private static final String BASIC_CHARS = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ"
            + " !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
            + "¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private static final String EXTENSION_CHARS = "\f^{}\\[~]|€";

    private static final char EURO = '€';

    // Every GSM-7 character but € is below U+0400 (the Greek capitals end at U+03A9).
    private static final int TABLE_SIZE = 0x400;
    private static final byte[] SEPTETS = new byte[TABLE_SIZE];

    static {
        for (int i = 0; i < BASIC_CHARS.length(); i++) {
            SEPTETS[BASIC_CHARS.charAt(i)] = BASIC;
        }
        for (int i = 0; i < EXTENSION_CHARS.length(); i++) {
            char c = EXTENSION_CHARS.charAt(i);
            if (c < TABLE_SIZE) {
                SEPTETS[c] = EXTENSION;
            }
        }
    }

    private Gsm7Alphabet() {
    }

    /** Septets {@code c} takes in GSM-7: {@link #BASIC}, {@link #EXTENSION}, or {@link #NOT_GSM}. */
    static int septets(char c) {
        if (c < TABLE_SIZE) {
            return SEPTETS[c];
        }
        return c == EURO ? EXTENSION : NOT_GSM;
    }
}
