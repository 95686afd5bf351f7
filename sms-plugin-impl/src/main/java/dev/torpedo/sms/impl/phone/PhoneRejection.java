package dev.torpedo.sms.impl.phone;

import dev.torpedo.sms.impl.i18n.Messages;
import java.util.List;
import java.util.Locale;

/**
 * Why a typed phone number cannot receive SMS. Each constant has a stable machine {@link #code()} (for
 * APIs, logs and metrics) and a text for the merchant or the shopper in pt-BR or English.
 *
 * <pre>{@code
 * PhoneRejection.LANDLINE.code();                                   // "phone-landline"
 * PhoneRejection.LANDLINE.message(Locale.forLanguageTag("pt-BR"));  // "Este número é de telefone fixo; informe um celular."
 * }</pre>
 */
public enum PhoneRejection {
    /** Nothing was typed. */
    MISSING("phone-missing"),
    /** No digits, or nothing that reads as a phone number. */
    NOT_A_NUMBER("phone-not-a-number"),
    /** Too few digits for a number with its DDD. */
    TOO_SHORT("phone-too-short"),
    /** More digits than a Brazilian number has. */
    TOO_LONG("phone-too-long"),
    /** Nine digits starting with 9: a mobile typed without its DDD. */
    MISSING_DDD("phone-missing-ddd"),
    /** A DDD and eight digits of an old mobile number, typed without the leading 9 added in 2012–2016. */
    MISSING_NINE("phone-missing-nine"),
    /** A number of another country. */
    FOREIGN("phone-foreign"),
    /** Two digits where the DDD goes that are no Brazilian area code. */
    UNKNOWN_DDD("phone-unknown-ddd"),
    /** A valid fixed-line number. */
    LANDLINE("phone-landline"),
    /** A valid Brazilian number that is neither mobile nor fixed line: 0800, 0300, 4004 and the like. */
    NOT_MOBILE("phone-not-mobile"),
    /** The right shape, but no such number is allocated. */
    INVALID("phone-invalid");

    private final String code;

    PhoneRejection(String code) {
        this.code = code;
    }

    /** The stable machine code, such as {@code phone-landline}. */
    public String code() {
        return code;
    }

    /** The bundle key of the general text, such as {@code phone.landline}. */
    String messageKey() {
        return "phone." + code.substring("phone-".length());
    }

    /** The bundle key of the text that names what was typed, such as the DDD; only some constants have one. */
    String detailKey() {
        return messageKey() + ".detail";
    }

    /** The general text for a merchant or shopper, in pt-BR unless {@code locale} is English. */
    public String message(Locale locale) {
        return Messages.get(messageKey(), locale);
    }

    String message(Locale locale, List<String> details) {
        return details.isEmpty() ? message(locale) : Messages.get(detailKey(), locale, details.toArray());
    }
}
