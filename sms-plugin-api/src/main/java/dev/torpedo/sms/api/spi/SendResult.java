package dev.torpedo.sms.api.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider did with a message. The dispatcher acts on the kind: an accepted message is done, a
 * retryable one is tried again later, a permanent failure ends the message and refunds its credits, and an
 * ambiguous one is never resent blindly.
 */
public sealed interface SendResult {

    /** The provider took the message; {@code providerMessageId} matches its delivery receipts. */
    record Accepted(String providerMessageId) implements SendResult {
        public Accepted {
            Objects.requireNonNull(providerMessageId, "provider message id");
        }
    }

    /**
     * The message certainly did not leave (refused connection, HTTP 429, a 5xx that accepted nothing):
     * safe to try again, after {@code retryAfter} when the provider said so.
     */
    record Retryable(String reason, Duration retryAfter) implements SendResult {
        public Retryable {
            Objects.requireNonNull(reason, "reason");
        }

        public Optional<Duration> retryAfterHint() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /**
     * The provider will never take this message (invalid number, landline, rejected text).
     * {@code recipientOptedOut} says the provider knows the shopper unsubscribed: the plugin suppresses the number.
     */
    record Permanent(String reason, String providerCode, boolean recipientOptedOut) implements SendResult {
        public Permanent {
            Objects.requireNonNull(reason, "reason");
            providerCode = providerCode == null ? "" : providerCode;
        }
    }

    /** The request may or may not have reached the provider (a timeout after it was written). */
    record Ambiguous(String reason) implements SendResult {
        public Ambiguous {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static SendResult accepted(String providerMessageId) {
        return new Accepted(providerMessageId);
    }

    static SendResult retryable(String reason) {
        return new Retryable(reason, null);
    }

    static SendResult retryable(String reason, Duration retryAfter) {
        return new Retryable(reason, retryAfter);
    }

    static SendResult permanent(String reason, String providerCode) {
        return new Permanent(reason, providerCode, false);
    }

    static SendResult optedOut(String reason, String providerCode) {
        return new Permanent(reason, providerCode, true);
    }

    static SendResult ambiguous(String reason) {
        return new Ambiguous(reason);
    }
}
