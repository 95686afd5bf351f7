package dev.torpedo.sms.api;

import java.util.Objects;

/**
 * The store's "Remetente SMS": the name every message starts with, such as "Loja da Ana".
 * 2 to 20 characters, no line breaks; surrounding spaces are trimmed.
 *
 * <pre>{@code
 * Sender sender = Sender.of("Loja da Ana");
 * }</pre>
 */
public record Sender(String value) {

    /** Short enough to leave room for the message in one segment. */
    public static final int MAX_LENGTH = 20;

    public Sender {
        Objects.requireNonNull(value, "sender");
        value = value.strip();
        if (value.length() < 2 || value.length() > MAX_LENGTH || Text.hasControlCharacter(value)) {
            throw new IllegalArgumentException(
                    "A sender has 2 to " + MAX_LENGTH + " characters on one line: " + Text.quote(value));
        }
    }

    public static Sender of(String value) {
        return new Sender(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
