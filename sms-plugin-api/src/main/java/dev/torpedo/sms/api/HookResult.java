package dev.torpedo.sms.api;

import java.util.Objects;

/**
 * What a hook call did, for the host's logs and tests. The host needs not look at it: nothing here is an error
 * of the host's.
 *
 * @param outcome what happened
 * @param reason  a short machine-readable reason for {@link Outcome#SKIPPED} and {@link Outcome#REJECTED}
 *                (such as {@code mode-off}, {@code phone-landline}), empty otherwise
 */
public record HookResult(Outcome outcome, String reason) {

    public enum Outcome {
        /** A message (or a restock event) was recorded and will be sent inside the window. */
        QUEUED,
        /** The same event was already recorded: nothing new. */
        DUPLICATE,
        /** Nothing to send: the store's mode does not send for this event, a handler vetoed it, the number opted out. */
        SKIPPED,
        /** The message could not be made (no valid mobile, too long); it is recorded with the reason for the merchant. */
        REJECTED
    }

    public HookResult {
        Objects.requireNonNull(outcome, "outcome");
        reason = reason == null ? "" : reason;
    }

    public static HookResult queued() {
        return new HookResult(Outcome.QUEUED, "");
    }

    public static HookResult duplicate() {
        return new HookResult(Outcome.DUPLICATE, "");
    }

    public static HookResult skipped(String reason) {
        return new HookResult(Outcome.SKIPPED, reason);
    }

    public static HookResult rejected(String reason) {
        return new HookResult(Outcome.REJECTED, reason);
    }
}
