package dev.torpedo.sms.impl.i18n;

import java.util.Locale;

/**
 * The reason stored with a message, in words for the merchant: {@code phone-landline} becomes "número de
 * telefone fixo". A reason is a code ({@code no-credit}), a code with a detail ({@code permanent: HTTP 400}), or
 * free text from a gateway; the detail and the free text are shown as they are, after the words.
 *
 * <pre>{@code
 * Reasons.describe("phone-landline", Locale.forLanguageTag("pt-BR"));   // "número de telefone fixo"
 * Reasons.describe("undelivered: 30003", Locale.ENGLISH);               // "the carrier could not deliver it (30003)"
 * }</pre>
 */
public final class Reasons {

    private static final Messages ENGINE = Messages.engine();

    private Reasons() {
    }

    /** The reason in words, or an empty string when there is none. */
    public static String describe(String reason, Locale locale) {
        if (reason == null || reason.isBlank()) {
            return "";
        }
        String code = reason.strip();
        if (ENGINE.has("reason." + code)) {
            return ENGINE.text("reason." + code, locale, "");
        }
        int colon = code.indexOf(':');
        if (colon > 0 && ENGINE.has("reason." + code.substring(0, colon).strip())) {
            return ENGINE.text("reason." + code.substring(0, colon).strip(), locale, code.substring(colon + 1).strip());
        }
        return ENGINE.text("reason.other", locale, code);
    }
}
