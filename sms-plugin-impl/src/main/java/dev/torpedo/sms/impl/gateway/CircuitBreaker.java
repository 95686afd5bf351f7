package dev.torpedo.sms.impl.gateway;

import dev.torpedo.sms.api.spi.SendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Pauses a failing provider. Closed, it counts consecutive failures (retryable or ambiguous outcomes, or a
 * gateway that throws); at {@code threshold} it opens until {@code now + coolDown}. Past that instant it is
 * half-open: the first send is a trial, whose success closes it and whose failure opens it for another cool-down;
 * other sends are refused until it decides.
 * Any answer from the provider that is not a failure (accepted, or a permanent refusal of one message) counts as
 * the provider being up. Outcomes of sends admitted before it opened are ignored while it is open. Thread-safe;
 * time comes from the clock.
 */
final class CircuitBreaker {

    /** What a send was allowed to do. */
    enum Permit {
        /** Go ahead; the outcome counts while the breaker is closed. */
        NORMAL,
        /** Go ahead as the half-open trial: the outcome decides. */
        TRIAL,
        /** Do not send: the breaker is open. */
        REFUSED
    }

    private static final Logger log = LoggerFactory.getLogger(CircuitBreaker.class);

    private final String name;
    private final int threshold;
    private final Duration coolDown;
    private final Clock clock;
    private int failures;
    private Instant openUntil;
    private boolean trialInFlight;

    CircuitBreaker(String name, int threshold, Duration coolDown, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.threshold = threshold;
        this.coolDown = Objects.requireNonNull(coolDown, "coolDown");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    synchronized Optional<Instant> pausedUntil() {
        return openUntil != null && clock.instant().isBefore(openUntil) ? Optional.of(openUntil) : Optional.empty();
    }

    synchronized int claimLimit(int batchSize) {
        if (openUntil == null) {
            return batchSize;
        }
        if (clock.instant().isBefore(openUntil) || trialInFlight) {
            return 0;
        }
        return Math.min(1, batchSize);
    }

    synchronized Permit acquire() {
        if (openUntil == null) {
            return Permit.NORMAL;
        }
        if (clock.instant().isBefore(openUntil)) {
            return Permit.REFUSED;
        }
        if (trialInFlight) {
            // Another dispatcher thread's send while the trial is out: held back too, until the trial decides.
            return Permit.REFUSED;
        }
        trialInFlight = true;
        log.info("{}: pause over; one trial send", name);
        return Permit.TRIAL;
    }

    /** A permit that was not used (the send did not happen). */
    synchronized void release(Permit permit) {
        if (permit == Permit.TRIAL) {
            trialInFlight = false;
        }
    }

    synchronized void record(Permit permit, SendResult result) {
        boolean failure = result == null || result instanceof SendResult.Retryable || result instanceof SendResult.Ambiguous;
        if (permit == Permit.TRIAL) {
            trialInFlight = false;
            if (failure) {
                open("the trial send failed");
            } else {
                failures = 0;
                openUntil = null;
                log.info("{}: the trial send went through; sending again", name);
            }
            return;
        }
        if (permit != Permit.NORMAL || openUntil != null) {
            return;
        }
        if (!failure) {
            failures = 0;
            return;
        }
        failures++;
        if (failures >= threshold) {
            open(failures + " failures in a row");
        }
    }

    private void open(String why) {
        openUntil = clock.instant().plus(coolDown);
        failures = 0;
        log.warn("{}: provider paused until {} ({}); the dispatcher claims nothing meanwhile", name, openUntil, why);
    }
}
