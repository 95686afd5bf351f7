package dev.torpedo.sms.api;

/**
 * The rule the hook holds the host's identifiers to (order ids, status codes, product ids): 1 to
 * {@value #MAX_LENGTH} characters on one line, spaces around them ignored. Events take any value, so that
 * building one never throws in the host's order code; the hook records a message whose identifier breaks the
 * rule as rejected, with the reason, and the host's transaction goes on.
 */
public final class HostIds {

    public static final int MAX_LENGTH = 64;

    private HostIds() {
    }

    /** Whether {@code id} keeps the rule. */
    public static boolean isValid(String id) {
        if (id == null || id.isBlank()) {
            return false;
        }
        String stripped = id.strip();
        return stripped.length() <= MAX_LENGTH && !Text.hasControlCharacter(stripped);
    }
}
