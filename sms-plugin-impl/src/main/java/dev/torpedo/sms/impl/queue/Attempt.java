package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.spi.SendResult;

import java.time.Instant;

/** What became of one leased row's send: what the {@link OutcomePolicy} decides on. */
sealed interface Attempt {

    Lease lease();

    /** The gateway answered. */
    record Answered(Lease lease, SendResult result, Instant at) implements Attempt {
    }

    /** The gateway threw: the request may have left. */
    record Threw(Lease lease, RuntimeException error, Instant at) implements Attempt {
    }

    /** Not sent: the gateway's guard held it back (circuit open, rate limit); try again at {@code retryAt}. */
    record HeldBack(Lease lease, String reason, Instant retryAt) implements Attempt {
    }

    /** Not sent: the window had closed by the time its turn came. */
    record WindowClosed(Lease lease, Instant reopens) implements Attempt {
    }
}
