package dev.torpedo.sms.impl.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * How one dispatcher works its share of the queue.
 *
 * <pre>{@code
 * var options = DispatcherOptions.defaults("node-1");                  // 100 a batch, 8 sends at once
 * var faster = DispatcherOptions.defaults("node-1").withBatchSize(200).withConcurrency(16).withBatchesInFlight(3);
 * }</pre>
 *
 * @param nodeId      names this dispatcher in the rows it leases; unique among the nodes, at most 64 characters
 * @param batchSize   rows claimed per transaction
 * @param concurrency sends in flight at once
 * @param batchesInFlight threads claiming at once, each its own thread of {@link Dispatcher#drain()} or
 *                    {@link DispatcherLoop}, all sharing the {@code concurrency} senders. One is enough: a thread
 *                    claims again as soon as its rows are handed to the senders, and outcomes are recorded with
 *                    the next claim or by the node's recording thread. More make smaller claims for the same
 *                    senders
 * @param lease       how long a claimed row is this node's; past it, a row still SENDING becomes UNCERTAIN. Must
 *                    exceed the time a batch takes to send
 * @param retryBase   the backoff after the first retryable failure, doubled for each further attempt
 * @param retryMax    the longest backoff
 * @param maxAge      how long after its creation a message may still be retried; then it fails for good
 */
public record DispatcherOptions(String nodeId, int batchSize, int concurrency, int batchesInFlight, Duration lease,
                                Duration retryBase, Duration retryMax, Duration maxAge) {

    public DispatcherOptions {
        Objects.requireNonNull(nodeId, "nodeId");
        if (nodeId.isBlank() || nodeId.length() > 64) {
            throw new IllegalArgumentException("A node id has 1 to 64 characters: '" + nodeId + "'");
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("The batch size is 1 to 10000: " + batchSize);
        }
        if (concurrency < 1 || concurrency > 1_000) {
            throw new IllegalArgumentException("The concurrency is 1 to 1000: " + concurrency);
        }
        if (batchesInFlight < 1 || batchesInFlight > 64) {
            throw new IllegalArgumentException("The batches in flight are 1 to 64: " + batchesInFlight);
        }
        requirePositive(lease, "lease");
        requirePositive(retryBase, "retryBase");
        requirePositive(retryMax, "retryMax");
        requirePositive(maxAge, "maxAge");
        if (retryMax.compareTo(retryBase) < 0) {
            throw new IllegalArgumentException("retryMax (" + retryMax + ") is shorter than retryBase (" + retryBase + ")");
        }
    }

    /**
     * 100 rows a batch, 8 sends at once, 1 claiming thread, a 2-minute lease, retries from 30 s up to 1 h for
     * 24 h.
     */
    public static DispatcherOptions defaults(String nodeId) {
        return new DispatcherOptions(nodeId, 100, 8, 1, Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofHours(1),
                Duration.ofHours(24));
    }

    public DispatcherOptions withBatchSize(int batchSize) {
        return new DispatcherOptions(nodeId, batchSize, concurrency, batchesInFlight, lease, retryBase, retryMax, maxAge);
    }

    public DispatcherOptions withConcurrency(int concurrency) {
        return new DispatcherOptions(nodeId, batchSize, concurrency, batchesInFlight, lease, retryBase, retryMax, maxAge);
    }

    public DispatcherOptions withBatchesInFlight(int batchesInFlight) {
        return new DispatcherOptions(nodeId, batchSize, concurrency, batchesInFlight, lease, retryBase, retryMax, maxAge);
    }

    public DispatcherOptions withLease(Duration lease) {
        return new DispatcherOptions(nodeId, batchSize, concurrency, batchesInFlight, lease, retryBase, retryMax, maxAge);
    }

    public DispatcherOptions withRetry(Duration retryBase, Duration retryMax) {
        return new DispatcherOptions(nodeId, batchSize, concurrency, batchesInFlight, lease, retryBase, retryMax, maxAge);
    }

    public DispatcherOptions withMaxAge(Duration maxAge) {
        return new DispatcherOptions(nodeId, batchSize, concurrency, batchesInFlight, lease, retryBase, retryMax, maxAge);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
