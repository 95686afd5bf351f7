package dev.torpedo.sms.impl.gateway;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A token bucket: {@code permitsPerSecond} permits a second, up to one second's worth saved up. A caller reserves a
 * permit and is told how long to wait before using it; reservations queue up (a negative balance), so waiting
 * callers go out in the order they reserved, evenly spaced. Thread-safe. Time comes from a nanosecond source
 * ({@code System::nanoTime} in production, a fake one in tests).
 */
final class RateLimiter {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double permitsPerNano;
    private final double capacity;
    private final LongSupplier nanoTime;
    private double stored;
    private long last;

    RateLimiter(double permitsPerSecond, LongSupplier nanoTime) {
        if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
            throw new IllegalArgumentException("A rate limit is a positive number of messages a second: " + permitsPerSecond);
        }
        this.permitsPerNano = permitsPerSecond / NANOS_PER_SECOND;
        // One second's worth, and at least one, so that a rate below 1/s still lets a message through.
        this.capacity = Math.max(1d, permitsPerSecond);
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.stored = capacity;
        this.last = nanoTime.getAsLong();
    }

    /**
     * Reserves one permit.
     *
     * @return nanoseconds to wait before using it (0: go now), or -1 when that wait would exceed
     *         {@code maxWaitNanos}, in which case nothing is reserved
     */
    synchronized long reserve(long maxWaitNanos) {
        long now = nanoTime.getAsLong();
        stored = Math.min(capacity, stored + (now - last) * permitsPerNano);
        last = now;
        if (stored >= 1d) {
            stored -= 1d;
            return 0;
        }
        long wait = (long) Math.ceil((1d - stored) / permitsPerNano);
        if (wait > maxWaitNanos) {
            return -1;
        }
        stored -= 1d;
        return wait;
    }
}
