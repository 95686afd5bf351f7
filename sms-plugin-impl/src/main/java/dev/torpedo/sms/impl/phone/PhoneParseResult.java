package dev.torpedo.sms.impl.phone;

import dev.torpedo.sms.api.MobileNumber;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link PhoneNumberParser#parse(String)} made of a typed number: a {@link Valid} mobile, or an
 * {@link Invalid} one with the reason.
 *
 * <pre>{@code
 * PhoneParseResult r = parser.parse("(11) 3333-4444");
 * if (r instanceof PhoneParseResult.Invalid invalid) {
 *     invalid.reason();                       // LANDLINE
 *     invalid.message(locale);                // "Este número é de telefone fixo; informe um celular."
 * }
 * parser.parse("(11) 91234-5678").number();   // Optional[+55 11 9****-5678]
 * }</pre>
 */
public sealed interface PhoneParseResult permits PhoneParseResult.Valid, PhoneParseResult.Invalid {

    /** Whether the typed text is a Brazilian mobile. */
    boolean isValid();

    /** The mobile number, when valid. */
    Optional<MobileNumber> number();

    /** The reason, when invalid. */
    Optional<PhoneRejection> rejection();

    /**
     * A Brazilian mobile number.
     *
     * <p>The component is {@code mobile}, not {@code number}, because a record accessor {@code number()}
     * returning {@link MobileNumber} would clash with {@link PhoneParseResult#number()}.
     */
    record Valid(MobileNumber mobile) implements PhoneParseResult {
        public Valid {
            Objects.requireNonNull(mobile, "mobile");
        }

        @Override
        public boolean isValid() {
            return true;
        }

        @Override
        public Optional<MobileNumber> number() {
            return Optional.of(mobile);
        }

        @Override
        public Optional<PhoneRejection> rejection() {
            return Optional.empty();
        }
    }

    /**
     * Not a number we can send to.
     *
     * @param reason  why
     * @param details what the text names, such as the DDD for {@link PhoneRejection#UNKNOWN_DDD}; may be empty
     */
    record Invalid(PhoneRejection reason, List<String> details) implements PhoneParseResult {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
            details = List.copyOf(details);
        }

        public Invalid(PhoneRejection reason) {
            this(reason, List.of());
        }

        /** The most specific text for the merchant or shopper, in pt-BR unless {@code locale} is English. */
        public String message(Locale locale) {
            return reason.message(locale, details);
        }

        @Override
        public boolean isValid() {
            return false;
        }

        @Override
        public Optional<MobileNumber> number() {
            return Optional.empty();
        }

        @Override
        public Optional<PhoneRejection> rejection() {
            return Optional.of(reason);
        }

        /** Without the details: they can hold digits the shopper typed, and a phone number must not reach a log. */
        @Override
        public String toString() {
            return "Invalid[" + reason.code() + "]";
        }
    }
}
