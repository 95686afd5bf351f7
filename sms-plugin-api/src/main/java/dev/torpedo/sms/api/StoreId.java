package dev.torpedo.sms.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies one store of a multi-store host (a Broadleaf site, a tenant).
 *
 * <p>The value is the host's own identifier, kept as text so that numeric and textual ids both fit:
 * 1 to 64 characters among letters, digits, {@code .}, {@code _} and {@code -}.
 *
 * <pre>{@code
 * StoreId store = StoreId.of("42");
 * }</pre>
 */
public record StoreId(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public StoreId {
        Objects.requireNonNull(value, "store id");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "A store id has 1 to 64 letters, digits, '.', '_' or '-': " + Text.quote(value));
        }
    }

    public static StoreId of(String value) {
        return new StoreId(value);
    }

    public static StoreId of(long value) {
        return new StoreId(Long.toString(value));
    }

    @Override
    public String toString() {
        return value;
    }
}
