package dev.torpedo.sms.api;

/** Checks shared by the event records. */
final class Events {

    static final int MAX_ID_LENGTH = 64;

    private Events() {
    }

    /** An identifier the host must give: it makes the idempotency key, so it is never empty. */
    static String requireId(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The " + what + " is required");
        }
        String id = value.strip();
        if (id.length() > MAX_ID_LENGTH || Text.hasControlCharacter(id)) {
            throw new IllegalArgumentException(
                    "The " + what + " has at most " + MAX_ID_LENGTH + " characters on one line: " + Text.quote(id));
        }
        return id;
    }

    static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
