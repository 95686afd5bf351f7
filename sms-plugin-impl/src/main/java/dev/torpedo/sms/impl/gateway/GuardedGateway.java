package dev.torpedo.sms.impl.gateway;

import dev.torpedo.sms.api.spi.OutboundSms;
import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.api.spi.SmsGateway;
import dev.torpedo.sms.api.spi.SmsProfile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Wraps a provider gateway with a rate limit and a circuit breaker, shared by every dispatcher thread of a node.
 *
 * <ul>
 *   <li><b>Rate limit:</b> a token bucket of {@code messagesPerSecond}; a send waits for its turn (at most
 *       {@code maxWait}, else it is held back ({@link SendHeldBack}) without reaching the provider).</li>
 *   <li><b>Circuit breaker:</b> after {@code breakerFailures} retryable or ambiguous outcomes in a row the provider
 *       is paused for {@code coolDown}. The dispatcher sees it through {@link GatewayAvailability} and claims
 *       nothing meanwhile, so no message spends an attempt; sends of a batch already claimed are held back
 *       ({@link SendHeldBack}: queued again, the attempt not counted) until the pause ends. Then one trial send (the dispatcher claims one message): its success
 *       resumes sending, its failure pauses again.</li>
 * </ul>
 *
 * <pre>{@code
 * SmsGateway gateway = new GuardedGateway(new ZenviaSmsGateway(http, settings, clock), GuardOptions.defaults(), clock);
 * }</pre>
 */
public final class GuardedGateway implements SmsGateway, GatewayAvailability {

    /** Waits for the rate limit; a test replaces it so that no test sleeps. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final SmsGateway delegate;
    private final GuardOptions options;
    private final Clock clock;
    private final RateLimiter limiter;
    private final CircuitBreaker breaker;
    private final Sleeper sleeper;

    public GuardedGateway(SmsGateway delegate, GuardOptions options, Clock clock) {
        this(delegate, options, clock, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    GuardedGateway(SmsGateway delegate, GuardOptions options, Clock clock, LongSupplier nanoTime, Sleeper sleeper) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.limiter = options.messagesPerSecond() > 0 ? new RateLimiter(options.messagesPerSecond(), nanoTime) : null;
        this.breaker = new CircuitBreaker(delegate.name(), options.breakerFailures(), options.coolDown(), clock);
    }

    /**
     * Sends through the provider once the breaker and the rate limit allow it.
     *
     * @throws SendHeldBack when they do not: the message did not leave
     */
    @Override
    public SendResult send(OutboundSms sms) {
        CircuitBreaker.Permit permit = breaker.acquire();
        if (permit == CircuitBreaker.Permit.REFUSED) {
            // Open until then; or half-open with the trial still out: due again at once, claimed after it decides.
            Instant until = breaker.pausedUntil().orElse(clock.instant());
            throw new SendHeldBack(name() + ": provider paused after repeated failures (circuit open)",
                    Duration.between(clock.instant(), until));
        }
        try {
            awaitTurn();
        } catch (SendHeldBack held) {
            breaker.release(permit);
            throw held;
        }
        SendResult result;
        try {
            result = delegate.send(sms);
        } catch (RuntimeException | Error e) {
            breaker.record(permit, null);
            throw e;
        }
        breaker.record(permit, result);
        return result;
    }

    /** Waits for the rate limit's permit; throws when it would wait too long, or is interrupted. */
    private void awaitTurn() {
        if (limiter == null) {
            return;
        }
        long wait = limiter.reserve(options.maxWait().toNanos());
        if (wait < 0) {
            throw new SendHeldBack(name() + ": rate limit (" + options.messagesPerSecond()
                    + "/s) would hold this message too long", Duration.ofSeconds(1));
        }
        if (wait > 0) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SendHeldBack(name() + ": interrupted while waiting for the rate limit", Duration.ZERO);
            }
        }
    }

    @Override
    public Optional<Instant> pausedUntil() {
        return breaker.pausedUntil();
    }

    @Override
    public int claimLimit(int batchSize) {
        return breaker.claimLimit(batchSize);
    }

    /** The provider's name: the rows record which provider sent them, not this wrapper. */
    @Override
    public String name() {
        return delegate.name();
    }

    /** The provider's: it counts and bills, not this wrapper. */
    @Override
    public SmsProfile profile() {
        return delegate.profile();
    }

    /** The provider's lookup, when it has one: a lookup is not a send, so no breaker or rate limit applies. */
    public static Optional<SendLookup> lookupOf(SmsGateway gateway) {
        SmsGateway provider = gateway instanceof GuardedGateway guarded ? guarded.delegate : gateway;
        return provider instanceof SendLookup lookup ? Optional.of(lookup) : Optional.empty();
    }

    public SmsGateway delegate() {
        return delegate;
    }

    @Override
    public String toString() {
        return "GuardedGateway[" + delegate.name() + ", " + options.messagesPerSecond() + "/s, pause "
                + options.coolDown() + " after " + options.breakerFailures() + " failures]";
    }
}
