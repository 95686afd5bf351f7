package dev.torpedo.sms.impl.queue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The node's recording thread: takes each send as it returns, from every claim in flight, and records them in
 * groups: whatever returned while the previous group was being recorded goes in the next one, and the sends that
 * return within {@code groupWait} of the first, while any are out and the group is not full. So an outcome waits
 * about one transaction before its own, and the claims go on while outcomes are recorded, instead of each claim
 * waiting for its own.
 *
 * <p>A claim's rows are a {@link Claimed}: the claimer can wait for all of them to be recorded, and learns what
 * failed. A group that cannot be recorded (the database away past the lease) is logged and left SENDING, for the
 * lease recovery to make UNCERTAIN: those sends may have gone out.
 */
final class Recording {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    /** Records a group within its lease (the earliest of the group's), or throws. */
    @FunctionalInterface
    interface GroupRecorder {
        Map<MessageStatus, Integer> record(List<Attempt> group, Instant leaseEnds);
    }

    /**
     * How long a group waits, from its first send, for more: sends made together return within moments of each
     * other, and one transaction then records them all. It ends sooner when the group is full or no send is out.
     */
    static final Duration GROUP_WAIT = Duration.ofMillis(2);
    /** How long the idle thread sleeps between looks at {@link #closing}, unless a send wakes it. */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String nodeId;
    private final int groupSize;
    private final long groupWaitNanos;
    private final GroupRecorder recorder;
    private final Consumer<Lease> settled;
    private final Consumer<Map<MessageStatus, Integer>> recorded;

    /** Returned sends, in the order they returned. */
    private final Queue<Returned> returned = new ConcurrentLinkedQueue<>();
    /**
     * Returned sends not yet taken into a group. The senders wake the thread only when it may be waiting for
     * them: at the first, when the group is full, when the last send out returns. Not at every send, since each
     * wake-up is a system call on both sides.
     */
    private final AtomicInteger ready = new AtomicInteger();
    /** Sends handed to the senders and not yet returned. */
    private final AtomicInteger sending = new AtomicInteger();
    /** Set once, under {@code this}; read by the senders to wake it. */
    private volatile Thread thread;
    private volatile boolean closing;

    /**
     * @param groupSize the most sends one group waits for; it is recorded as soon as it has them
     * @param groupWait how long a group waits for more sends, from its first, while any are out
     * @param settled   runs for each row once its group is done with, recorded or not, before its claim learns it
     * @param recorded  runs on the recording thread after each group is committed, with what it recorded
     */
    Recording(String nodeId, int groupSize, Duration groupWait, GroupRecorder recorder, Consumer<Lease> settled,
              Consumer<Map<MessageStatus, Integer>> recorded) {
        if (groupSize < 1) {
            throw new IllegalArgumentException("groupSize must be at least 1: " + groupSize);
        }
        this.nodeId = nodeId;
        this.groupSize = groupSize;
        this.groupWaitNanos = groupWait.toNanos();
        this.recorder = recorder;
        this.settled = settled;
        this.recorded = recorded;
    }

    /** The rows of one claim, until each is recorded. */
    static final class Claimed {

        private final CountDownLatch left;
        private final Instant leaseEnds;
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

        private Claimed(int rows, Instant leaseEnds) {
            this.left = new CountDownLatch(rows);
            this.leaseEnds = leaseEnds;
        }

        boolean isRecorded() {
            return left.getCount() == 0;
        }

        /**
         * Waits until every row is recorded; the gateway's timeouts and the lease bound the wait.
         *
         * @throws RuntimeException what kept one of them from being recorded
         */
        void awaitRecorded() {
            boolean interrupted = false;
            while (true) {
                try {
                    left.await();
                    break;
                } catch (InterruptedException e) {
                    // Every outcome must be recorded: wait on, and pass the interrupt on afterwards.
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            RuntimeException failed = failure.get();
            if (failed != null) {
                throw failed;
            }
        }

        /** Waits until every row is recorded or given up on, whatever kept one from being recorded. */
        void awaitSettled() {
            try {
                awaitRecorded();
            } catch (RuntimeException alreadyLogged) {
                // The recording thread logged it.
            }
        }

        private void done(RuntimeException failed) {
            if (failed != null) {
                failure.compareAndSet(null, failed);
            }
            left.countDown();
        }
    }

    /** What a sending thread hands back: the attempt, or what it threw that the attempt does not catch. */
    private record Returned(Claimed claim, Lease lease, Attempt attempt, Throwable error) {
    }

    /** The rows of one claim, about to be sent. */
    Claimed claimed(int rows, Instant leaseEnds) {
        sending.addAndGet(rows);
        return new Claimed(rows, leaseEnds);
    }

    /** A send returned; called on the sending thread. */
    void returned(Claimed claim, Lease lease, Attempt attempt) {
        hand(new Returned(claim, lease, attempt, null));
    }

    /**
     * A send threw what it does not catch (an Error): the row stays SENDING until its lease expires, and then
     * becomes UNCERTAIN.
     */
    void threw(Claimed claim, Lease lease, Throwable error) {
        hand(new Returned(claim, lease, null, error));
    }

    private void hand(Returned sent) {
        startOnce();
        returned.add(sent);
        int out = sending.decrementAndGet();
        int waiting = ready.incrementAndGet();
        if (waiting == 1 || waiting == groupSize || out == 0) {
            LockSupport.unpark(thread);
        }
    }

    private void startOnce() {
        if (thread == null) {
            synchronized (this) {
                if (thread == null) {
                    Thread started = new Thread(this::run, "torpedo-record-" + nodeId);
                    started.setDaemon(true);
                    thread = started;
                    started.start();
                }
            }
        }
    }

    /** Stops the thread once what was handed to it is recorded. */
    void close() {
        closing = true;
        Thread running = thread;
        if (running != null) {
            LockSupport.unpark(running);
        }
    }

    private void run() {
        while (true) {
            if (ready.get() <= 0) {
                if (closing && returned.isEmpty()) {
                    return;
                }
                // Woken by the first send to return; an early return only means looking again.
                LockSupport.parkNanos(this, IDLE_NANOS);
                continue;
            }
            long until = System.nanoTime() + groupWaitNanos;
            for (long left = groupWaitNanos; left > 0 && sending.get() > 0 && ready.get() < groupSize;
                 left = until - System.nanoTime()) {
                LockSupport.parkNanos(this, left);
            }
            List<Returned> group = new ArrayList<>();
            for (Returned sent = returned.poll(); sent != null; sent = returned.poll()) {
                group.add(sent);
            }
            ready.addAndGet(-group.size());
            record(group);
        }
    }

    private void record(List<Returned> group) {
        List<Attempt> attempts = new ArrayList<>(group.size());
        List<Returned> made = new ArrayList<>(group.size());
        Instant leaseEnds = Instant.MAX;
        for (Returned sent : group) {
            if (sent.error() != null) {
                settled.accept(sent.lease());
                sent.claim().done(new IllegalStateException("Sending message " + sent.lease().id() + " failed",
                        sent.error()));
                continue;
            }
            attempts.add(sent.attempt());
            made.add(sent);
            if (sent.claim().leaseEnds.isBefore(leaseEnds)) {
                leaseEnds = sent.claim().leaseEnds;
            }
        }
        if (attempts.isEmpty()) {
            return;
        }
        RuntimeException failed = null;
        Map<MessageStatus, Integer> outcomes = Map.of();
        try {
            outcomes = recorder.record(attempts, leaseEnds);
        } catch (RuntimeException e) {
            failed = e;
            log.error("{}: could not record {} outcome(s) within their lease; they stay SENDING until it expires,"
                    + " then UNCERTAIN", nodeId, attempts.size(), e);
        }
        if (failed == null) {
            // Before the claims learn it: whoever waits for a claim finds the receipts that came first applied.
            try {
                recorded.accept(outcomes);
            } catch (RuntimeException e) {
                log.warn("{}: the work after recording outcomes failed; it runs again after the next ones: {}",
                        nodeId, e.toString());
            }
        }
        for (Returned sent : made) {
            settled.accept(sent.lease());
            sent.claim().done(failed);
        }
    }
}
