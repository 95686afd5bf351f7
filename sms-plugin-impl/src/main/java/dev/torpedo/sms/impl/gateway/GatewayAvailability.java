package dev.torpedo.sms.impl.gateway;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether a gateway takes messages right now. The dispatcher asks before each claim: while the gateway is paused
 * it claims nothing, so no message spends an attempt (or a lease) on a provider that is known to be failing.
 * A gateway that does not implement this interface is always available.
 *
 * <pre>{@code
 * if (gateway instanceof GatewayAvailability availability && availability.pausedUntil().isPresent()) {
 *     return 0;                                   // claim nothing until then
 * }
 * int limit = availability.claimLimit(100);       // 1 while it tries itself out again
 * }</pre>
 */
public interface GatewayAvailability {

    /** When the gateway takes messages again; empty while it takes them now. */
    Optional<Instant> pausedUntil();

    /**
     * How many messages the dispatcher may claim now, at most {@code batchSize}: 0 while paused, 1 while the
     * gateway tries itself out after a pause (one trial send), else {@code batchSize}.
     */
    default int claimLimit(int batchSize) {
        return pausedUntil().isPresent() ? 0 : batchSize;
    }
}
