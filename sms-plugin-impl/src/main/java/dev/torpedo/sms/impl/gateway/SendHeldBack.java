package dev.torpedo.sms.impl.gateway;

import java.time.Duration;

/**
 * Thrown by {@link GuardedGateway#send} for a message it did not pass on: the provider is paused (circuit open)
 * or the rate limit would hold the message too long. Nothing left, so the dispatcher queues the message again
 * without counting an attempt, rather than reading a provider's failure into it.
 */
public final class SendHeldBack extends RuntimeException {

    private final Duration retryAfter;

    SendHeldBack(String reason, Duration retryAfter) {
        super(reason, null, false, false);
        this.retryAfter = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    }

    /** How long to wait before trying the message again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
