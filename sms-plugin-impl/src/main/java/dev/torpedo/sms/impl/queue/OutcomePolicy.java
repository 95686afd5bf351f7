package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.spi.SendResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What becomes of a message once its send returned: the rules alone, no database, no clock of its own. The
 * dispatcher asks, then records the decision only while the row is still leased to it.
 *
 * <ul>
 *   <li>accepted: SENT, with the provider's id;</li>
 *   <li>retryable: QUEUED again after {@code retryBase * 2^(attempt-1)} (at most {@code retryMax}, equal jitter),
 *       or the provider's Retry-After when longer; FAILED {@code expired: ...} and refunded when that would come
 *       after {@code createdAt + maxAge};</li>
 *   <li>permanent: FAILED {@code permanent: reason [code]}, refunded, the number suppressed when the provider
 *       says the shopper opted out;</li>
 *   <li>ambiguous, or a gateway that threw: UNCERTAIN, not refunded, never resent;</li>
 *   <li>its window closed before its turn: QUEUED for the next opening, the attempt given back, still paid.</li>
 * </ul>
 */
final class OutcomePolicy {

    static final String WINDOW_CLOSED = "window-closed";
    static final int MAX_REASON = 200;
    static final int MAX_PROVIDER_ID = 100;

    /**
     * A message's next state.
     *
     * @param at                when it was sent (SENT) or when it goes again (QUEUED); {@code null} otherwise
     * @param providerMessageId the provider's id (SENT only)
     * @param attemptGivenBack  the send never started: its attempt does not count
     * @param metric            the failure's name for the meters, {@code null} when none
     * @param refund            its credits go back to the store
     * @param suppress          its number goes on the suppression list
     */
    record Decision(MessageStatus status, String reason, Instant at, String providerMessageId, boolean attemptGivenBack,
                    String metric, boolean refund, boolean suppress) {

        static Decision sent(String providerMessageId, Instant at) {
            return new Decision(MessageStatus.SENT, null, at, clip(providerMessageId, MAX_PROVIDER_ID), false, null,
                    false, false);
        }

        static Decision again(String reason, Instant at, boolean attemptGivenBack) {
            return new Decision(MessageStatus.QUEUED, clip(reason, MAX_REASON), at, null, attemptGivenBack, null,
                    false, false);
        }

        static Decision end(MessageStatus status, String reason, String metric, boolean refund, boolean suppress) {
            return new Decision(status, clip(reason, MAX_REASON), null, null, false, metric, refund, suppress);
        }
    }

    private final Duration retryBase;
    private final Duration retryMax;
    private final Duration maxAge;
    private final RandomGenerator jitter;

    /** @param jitter spreads retries; need not be thread-safe (it is only used under a lock) */
    OutcomePolicy(Duration retryBase, Duration retryMax, Duration maxAge, RandomGenerator jitter) {
        this.retryBase = Objects.requireNonNull(retryBase, "retryBase");
        this.retryMax = Objects.requireNonNull(retryMax, "retryMax");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
    }

    static OutcomePolicy of(DispatcherOptions options, RandomGenerator jitter) {
        return new OutcomePolicy(options.retryBase(), options.retryMax(), options.maxAge(), jitter);
    }

    /**
     * The provider answered {@code result} at {@code at} to the {@code attempt}-th send of a message created at
     * {@code createdAt}.
     */
    Decision answered(SendResult result, Instant at, int attempt, Instant createdAt) {
        if (result instanceof SendResult.Accepted accepted) {
            return Decision.sent(accepted.providerMessageId(), at);
        }
        if (result instanceof SendResult.Retryable retryable) {
            Duration delay = backoff(attempt);
            Duration retryAfter = retryable.retryAfterHint().orElse(Duration.ZERO);
            if (retryAfter.compareTo(delay) > 0) {
                delay = retryAfter;
            }
            Instant next = at.plus(delay);
            if (next.isAfter(createdAt.plus(maxAge))) {
                // Its next attempt would come after its maximum age: it fails now rather than lingering.
                return Decision.end(MessageStatus.FAILED, "expired: " + retryable.reason(), "expired", true, false);
            }
            return Decision.again(retryable.reason(), next, false);
        }
        if (result instanceof SendResult.Permanent permanent) {
            String reason = "permanent: " + permanent.reason()
                    + (permanent.providerCode().isEmpty() ? "" : " [" + permanent.providerCode() + "]");
            return Decision.end(MessageStatus.FAILED, reason, permanent.recipientOptedOut() ? "opted-out" : "permanent",
                    true, permanent.recipientOptedOut());
        }
        SendResult.Ambiguous ambiguous = (SendResult.Ambiguous) result;
        return Decision.end(MessageStatus.UNCERTAIN, "ambiguous: " + ambiguous.reason(), "ambiguous", false, false);
    }

    /**
     * The gateway threw: the request may have left. Only the exception's type goes into the reason: its message
     * may carry provider URLs or tokens.
     */
    Decision threw(RuntimeException error) {
        return Decision.end(MessageStatus.UNCERTAIN, "gateway-error: " + error.getClass().getName(), "gateway-error",
                false, false);
    }

    /** The gateway's guard held it back, so nothing left: back to the queue for {@code retryAt}, not an attempt. */
    Decision heldBack(String reason, Instant retryAt) {
        return Decision.again(reason, retryAt, true);
    }

    /** Its window closed before its send started: back to the queue for {@code reopens}, not an attempt. */
    Decision windowClosed(Instant reopens) {
        return Decision.again(WINDOW_CLOSED, reopens, true);
    }

    /**
     * The backoff before attempt {@code attempt + 1}: {@code retryBase * 2^(attempt-1)}, at most {@code retryMax},
     * with "equal jitter" (half fixed, half random) so that rows failing together do not retry together.
     */
    Duration backoff(int attempt) {
        long millis;
        try {
            millis = Math.min(retryBase.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 30)).toMillis(),
                    retryMax.toMillis());
        } catch (ArithmeticException overflow) {
            millis = retryMax.toMillis();
        }
        long half = millis / 2;
        long random;
        synchronized (jitter) {
            random = jitter.nextLong(half + 1);
        }
        return Duration.ofMillis(millis - half + random);
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
