package dev.torpedo.sms.api;

/** Checks shared by the event records. */
final class Events {

    private Events() {
    }

    /** An identifier as the host gave it, stripped, {@code ""} for none: never refused here ({@link HostIds}). */
    static String id(String value) {
        return value == null ? "" : value.strip();
    }

    static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
