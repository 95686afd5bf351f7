package dev.torpedo.sms.api;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Brazilian mobile number in E.164 form: {@code +55}, a two-digit area code (DDD), then nine digits
 * starting with 9. This is the only kind of recipient the plugin sends to.
 *
 * <p>This type accepts only the canonical form. To read what a shopper typed ("(11) 91234-5678",
 * "+55 11 91234-5678"), use the plugin's phone parser, which explains in pt-BR what is wrong with
 * a landline, a short or a foreign number.
 *
 * <pre>{@code
 * MobileNumber to = MobileNumber.of("+5511912345678");
 * to.areaCode();   // 11
 * to.masked();     // "+55 11 9****-5678", safe for logs
 * }</pre>
 */
public record MobileNumber(String e164) {

    private static final Pattern SHAPE = Pattern.compile("\\+55([1-9][1-9])9\\d{8}");

    /** Every area code (DDD) in service in Brazil. */
    private static final Set<Integer> AREA_CODES = Stream.of(
                    11, 12, 13, 14, 15, 16, 17, 18, 19,
                    21, 22, 24, 27, 28,
                    31, 32, 33, 34, 35, 37, 38,
                    41, 42, 43, 44, 45, 46, 47, 48, 49,
                    51, 53, 54, 55,
                    61, 62, 63, 64, 65, 66, 67, 68, 69,
                    71, 73, 74, 75, 77, 79,
                    81, 82, 83, 84, 85, 86, 87, 88, 89,
                    91, 92, 93, 94, 95, 96, 97, 98, 99)
            .collect(Collectors.toUnmodifiableSet());

    public MobileNumber {
        Objects.requireNonNull(e164, "mobile number");
        var matcher = SHAPE.matcher(e164);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "A Brazilian mobile number in E.164 form is +55, the DDD and 9 digits starting with 9");
        }
        if (!AREA_CODES.contains(Integer.parseInt(matcher.group(1)))) {
            throw new IllegalArgumentException("There is no DDD " + matcher.group(1) + " in Brazil");
        }
    }

    public static MobileNumber of(String e164) {
        return new MobileNumber(e164);
    }

    /** Whether Brazil has this two-digit area code (DDD). */
    public static boolean isAreaCode(int ddd) {
        return AREA_CODES.contains(ddd);
    }

    /** Every area code (DDD) in service in Brazil. */
    public static Set<Integer> areaCodes() {
        return AREA_CODES;
    }

    /** The two-digit area code (DDD), such as 11 for São Paulo. */
    public int areaCode() {
        return Integer.parseInt(e164.substring(3, 5));
    }

    /** The national number without the country code, such as {@code 11912345678}. */
    public String nationalNumber() {
        return e164.substring(3);
    }

    /** The number for logs and screens that must not reveal it: {@code +55 11 9****-5678}. */
    public String masked() {
        return "+55 " + e164.substring(3, 5) + " 9****-" + e164.substring(e164.length() - 4);
    }

    /** Masked on purpose: a phone number is personal data and must not leak through a log line. */
    @Override
    public String toString() {
        return masked();
    }
}
