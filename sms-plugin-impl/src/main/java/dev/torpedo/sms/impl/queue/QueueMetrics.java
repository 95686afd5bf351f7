package dev.torpedo.sms.impl.queue;

import java.time.Duration;

/**
 * What the dispatcher reports about each message it finishes, for meters. Called from the dispatcher's thread
 * after the outcome is committed; an implementation must be quick and must not throw.
 *
 * <pre>{@code
 * QueueMetrics metrics = new QueueMetrics() {
 *     public void sent(MessageKind kind, Duration dueToSent) { timer(kind).record(dueToSent); }
 *     public void failed(MessageKind kind, String reason) { counter(kind, reason).increment(); }
 * };
 * }</pre>
 */
public interface QueueMetrics {

    /** A hook queued a message. */
    default void enqueued(MessageKind kind) {
    }

    /** A message the provider accepted, {@code dueToSent} after it was due (its not-before instant). */
    void sent(MessageKind kind, Duration dueToSent);

    /**
     * A message that ended without being sent, or may not have been: FAILED or UNCERTAIN. {@code reason} is one of
     * a few fixed codes, fit for a meter's tag: {@code permanent}, {@code opted-out}, {@code expired},
     * {@code ambiguous}, {@code gateway-error}, {@code lease-expired}, {@code invalid}.
     */
    void failed(MessageKind kind, String reason);

    /** Reports nothing. */
    QueueMetrics NONE = new QueueMetrics() {
        @Override
        public void sent(MessageKind kind, Duration dueToSent) {
        }

        @Override
        public void failed(MessageKind kind, String reason) {
        }
    };
}
