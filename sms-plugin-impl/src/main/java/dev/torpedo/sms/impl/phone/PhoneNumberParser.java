package dev.torpedo.sms.impl.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.torpedo.sms.api.MobileNumber;
import java.util.List;

/**
 * Reads a phone number the way people type it in Brazil and keeps it only if it is a Brazilian mobile.
 * Never throws on input: anything else is an {@link PhoneParseResult.Invalid} with a specific
 * {@link PhoneRejection}. Thread-safe.
 *
 * <pre>{@code
 * var parser = new PhoneNumberParser();
 * parser.parse("(11) 91234-5678");     // Valid[+5511912345678]
 * parser.parse("0xx11 91234-5678");    // Valid[+5511912345678] (carrier-selection code dropped)
 * parser.parse("(11) 3333-4444");      // Invalid[phone-landline]
 * }</pre>
 *
 * <p>libphonenumber does the reading (punctuation, "+55", "055", the trunk "0", carrier-selection codes
 * such as "0 21" or "0xx", full-width digits). This class only turns its verdict into a reason a shopper
 * can act on.
 */
public final class PhoneNumberParser {

    private static final String BRAZIL = "BR";
    private static final int BRAZIL_COUNTRY_CODE = 55;
    /** DDD plus eight digits: fixed lines, and mobiles before the ninth digit. */
    private static final int OLD_NATIONAL_LENGTH = 10;
    /** DDD plus nine digits: today's mobiles. */
    private static final int MOBILE_NATIONAL_LENGTH = 11;
    /** A mobile typed without its DDD: nine digits starting with 9. */
    private static final int SUBSCRIBER_MOBILE_LENGTH = 9;
    /** Fewer digits than a subscriber number alone. */
    private static final int MIN_DIGITS = 8;

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    /** Reads {@code typed}; {@code null} and blank are {@link PhoneRejection#MISSING}. */
    public PhoneParseResult parse(String typed) {
        if (typed == null || typed.isBlank()) {
            return new PhoneParseResult.Invalid(PhoneRejection.MISSING);
        }
        long digits = typed.codePoints().filter(Character::isDigit).count();
        if (digits == 0) {
            return new PhoneParseResult.Invalid(PhoneRejection.NOT_A_NUMBER);
        }
        PhoneNumber number;
        try {
            number = util.parse(typed, BRAZIL);
        } catch (NumberParseException e) {
            return new PhoneParseResult.Invalid(reasonFor(e.getErrorType(), digits));
        }
        if (number.getCountryCode() != BRAZIL_COUNTRY_CODE) {
            return new PhoneParseResult.Invalid(PhoneRejection.FOREIGN);
        }
        String national = util.getNationalSignificantNumber(number);
        return util.isValidNumber(number) ? classifyValid(number, national) : classifyInvalid(national);
    }

    private static PhoneRejection reasonFor(NumberParseException.ErrorType error, long digits) {
        return switch (error) {
            // libphonenumber says NOT_A_NUMBER for "1" or "+55" too: there are digits, just too few of them.
            case NOT_A_NUMBER -> digits < MIN_DIGITS ? PhoneRejection.TOO_SHORT : PhoneRejection.NOT_A_NUMBER;
            case TOO_SHORT_NSN, TOO_SHORT_AFTER_IDD -> PhoneRejection.TOO_SHORT;
            case TOO_LONG -> PhoneRejection.TOO_LONG;
            // "+999 ..." and any error type a later libphonenumber adds.
            default -> PhoneRejection.INVALID;
        };
    }

    private PhoneParseResult classifyValid(PhoneNumber number, String national) {
        PhoneNumberType type = util.getNumberType(number);
        if (type == PhoneNumberType.FIXED_LINE) {
            return new PhoneParseResult.Invalid(PhoneRejection.LANDLINE);
        }
        if (type != PhoneNumberType.MOBILE && type != PhoneNumberType.FIXED_LINE_OR_MOBILE) {
            return new PhoneParseResult.Invalid(PhoneRejection.NOT_MOBILE);
        }
        if (national.length() == MOBILE_NATIONAL_LENGTH && MobileNumber.isAreaCode(areaCode(national))) {
            try {
                return new PhoneParseResult.Valid(MobileNumber.of("+55" + national));
            } catch (IllegalArgumentException e) {
                // libphonenumber and MobileNumber disagree on the shape: trust the stricter one.
                return new PhoneParseResult.Invalid(PhoneRejection.INVALID);
            }
        }
        // libphonenumber still counts some 8-digit ranges (old trunked radio) as mobile; SMS needs the 9.
        return national.length() == OLD_NATIONAL_LENGTH
                ? missingNineOr(national, PhoneRejection.NOT_MOBILE)
                : new PhoneParseResult.Invalid(PhoneRejection.NOT_MOBILE);
    }

    private PhoneParseResult classifyInvalid(String national) {
        int length = national.length();
        if (length > MOBILE_NATIONAL_LENGTH) {
            return new PhoneParseResult.Invalid(PhoneRejection.TOO_LONG);
        }
        if (length == SUBSCRIBER_MOBILE_LENGTH && national.charAt(0) == '9') {
            return new PhoneParseResult.Invalid(PhoneRejection.MISSING_DDD);
        }
        if (length < OLD_NATIONAL_LENGTH) {
            return new PhoneParseResult.Invalid(PhoneRejection.TOO_SHORT);
        }
        int ddd = areaCode(national);
        if (!MobileNumber.isAreaCode(ddd)) {
            return new PhoneParseResult.Invalid(PhoneRejection.UNKNOWN_DDD, List.of(String.valueOf(ddd)));
        }
        return length == OLD_NATIONAL_LENGTH
                ? missingNineOr(national, PhoneRejection.INVALID)
                : new PhoneParseResult.Invalid(PhoneRejection.INVALID);
    }

    /**
     * An old 8-digit mobile (first digit 6 to 9, the ranges that got the extra 9 in 2012–2016) whose 9-digit
     * form is a valid mobile: tell the shopper to add the 9 rather than call the number invalid. Digits 2 to 5
     * are fixed lines, so "(11) 1234-5678" is not offered a 9.
     */
    private PhoneParseResult missingNineOr(String national, PhoneRejection otherwise) {
        String ddd = national.substring(0, 2);
        String subscriber = national.substring(2);
        if (subscriber.charAt(0) >= '6') {
            PhoneNumber withNine = new PhoneNumber()
                    .setCountryCode(BRAZIL_COUNTRY_CODE)
                    .setNationalNumber(Long.parseLong(ddd + "9" + subscriber));
            if (util.isValidNumber(withNine) && util.getNumberType(withNine) == PhoneNumberType.MOBILE) {
                return new PhoneParseResult.Invalid(PhoneRejection.MISSING_NINE,
                        List.of(ddd, subscriber.substring(0, 4) + "-" + subscriber.substring(4)));
            }
        }
        return new PhoneParseResult.Invalid(otherwise);
    }

    private static int areaCode(String national) {
        return Integer.parseInt(national.substring(0, 2));
    }
}
