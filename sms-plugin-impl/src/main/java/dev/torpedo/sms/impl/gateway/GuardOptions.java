package dev.torpedo.sms.impl.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link GuardedGateway} spares its provider.
 *
 * <pre>{@code
 * var options = GuardOptions.defaults();                                // 30/s, pause 30 s after 5 failures
 * var gentle = new GuardOptions(5, 3, Duration.ofMinutes(2), Duration.ofSeconds(30));
 * }</pre>
 *
 * @param messagesPerSecond the most sends a second from this node (all its dispatcher threads together); 0 for
 *                          no limit
 * @param breakerFailures   consecutive retryable or ambiguous outcomes that pause the provider
 * @param coolDown          how long a pause lasts before one trial send
 * @param maxWait           the longest a send waits for its turn under the rate limit; a send that would wait
 *                          longer is given back as retryable (keep batches small enough for the lease)
 */
public record GuardOptions(double messagesPerSecond, int breakerFailures, Duration coolDown, Duration maxWait) {

    public GuardOptions {
        if (!(messagesPerSecond >= 0) || Double.isInfinite(messagesPerSecond)) {
            throw new IllegalArgumentException("The rate limit is 0 (none) or a positive number of messages a second: "
                    + messagesPerSecond);
        }
        if (breakerFailures < 1) {
            throw new IllegalArgumentException("The breaker opens after at least 1 failure: " + breakerFailures);
        }
        Objects.requireNonNull(coolDown, "coolDown");
        Objects.requireNonNull(maxWait, "maxWait");
        if (coolDown.isNegative() || coolDown.isZero()) {
            throw new IllegalArgumentException("The cool-down must be positive: " + coolDown);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("The longest wait for the rate limit cannot be negative: " + maxWait);
        }
    }

    /** 30 messages a second, paused for 30 s after 5 failures in a row, waiting at most 30 s for a turn. */
    public static GuardOptions defaults() {
        return new GuardOptions(30, 5, Duration.ofSeconds(30), Duration.ofSeconds(30));
    }
}
