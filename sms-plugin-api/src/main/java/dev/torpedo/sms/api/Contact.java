package dev.torpedo.sms.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The store's "Contato SMS": how a shopper reaches the store, appended to every message.
 * Either an e-mail address or a Brazilian phone with DDD ({@code 1133334444}, {@code 11912345678});
 * a phone may be typed with spaces, dots, dashes or parentheses and is kept as digits only.
 *
 * <pre>{@code
 * Contact.of("(11) 3333-4444").value();   // "1133334444"
 * Contact.of("sac@loja.com.br").isEmail(); // true
 * }</pre>
 */
public record Contact(String value) {

    public static final int MAX_LENGTH = 40;

    private static final Pattern EMAIL =
            Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern PHONE_PUNCTUATION = Pattern.compile("[\\s().-]");
    private static final Pattern PHONE_WITH_DDD = Pattern.compile("[1-9][1-9]\\d{8,9}");

    public Contact {
        Objects.requireNonNull(value, "contact");
        value = normalize(value.strip());
        if (value.length() > MAX_LENGTH
                || !(EMAIL.matcher(value).matches() || PHONE_WITH_DDD.matcher(value).matches())) {
            throw new IllegalArgumentException(
                    "A contact is an e-mail or a phone with DDD such as 1133334444: " + Text.quote(value));
        }
    }

    public static Contact of(String value) {
        return new Contact(value);
    }

    private static String normalize(String value) {
        if (value.contains("@")) {
            return value;
        }
        String digits = PHONE_PUNCTUATION.matcher(value).replaceAll("");
        return PHONE_WITH_DDD.matcher(digits).matches() ? digits : value;
    }

    public boolean isEmail() {
        return value.indexOf('@') >= 0;
    }

    @Override
    public String toString() {
        return value;
    }
}
