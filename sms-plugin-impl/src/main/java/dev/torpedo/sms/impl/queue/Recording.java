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
 * <p>A claim that needs the places of returned sends may take those not yet in a group ({@link #carry}) and write
 * them in its own transaction; while a claim gathers senders, this thread leaves the returned sends to it for a
 * few milliseconds. If the claim does not commit, they come back here.
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
    /**
     * How long a returned send is left to a claim that is gathering senders, from its return: longer than the
     * claim's own wait for senders ({@link Senders#CLAIM_GATHER}), so that it is there when the claim looks.
     */
    static final Duration CARRY_WAIT = Duration.ofMillis(10);
    /** How long the idle thread sleeps between looks at {@link #closing}, unless a send wakes it. */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String nodeId;
    private final int groupSize;
    private final long groupWaitNanos;
    private final long carryWaitNanos;
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
    /** Claims gathering senders now: each may carry returned sends ({@link #carry}). */
    private final AtomicInteger gathering = new AtomicInteger();
    /** Set once, under {@code this}; read by the senders to wake it. */
    private volatile Thread thread;
    private volatile boolean closing;

    /**
     * @param groupSize the most sends one group waits for; it is recorded as soon as it has them
     * @param groupWait how long a group waits for more sends, from its first, while any are out
     * @param carryWait how long a returned send is left to a claim gathering senders, from its return
     * @param settled   runs for each row once its group is done with, recorded or not, before its claim learns it
     * @param recorded  runs after each group is committed, with what it recorded: on the recording thread, or on
     *                  the claim's that carried the group ({@link #carriedRecorded})
     */
    Recording(String nodeId, int groupSize, Duration groupWait, Duration carryWait, GroupRecorder recorder,
              Consumer<Lease> settled, Consumer<Map<MessageStatus, Integer>> recorded) {
        if (groupSize < 1) {
            throw new IllegalArgumentException("groupSize must be at least 1: " + groupSize);
        }
        this.nodeId = nodeId;
        this.groupSize = groupSize;
        this.groupWaitNanos = groupWait.toNanos();
        this.carryWaitNanos = carryWait.toNanos();
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
    private record Returned(Claimed claim, Lease lease, Attempt attempt, Throwable error, long returnedAt) {

        boolean carriable() {
            return error == null && OutcomeRecorder.carriable(attempt);
        }
    }

    /** Returned sends not yet in a group, nor carried; for tests. */
    int waiting() {
        return ready.get();
    }

    /** The rows of one claim, about to be sent. */
    Claimed claimed(int rows, Instant leaseEnds) {
        sending.addAndGet(rows);
        return new Claimed(rows, leaseEnds);
    }

    /** A send returned; called on the sending thread. */
    void returned(Claimed claim, Lease lease, Attempt attempt) {
        hand(new Returned(claim, lease, attempt, null, System.nanoTime()));
    }

    /**
     * A send threw what it does not catch (an Error): the row stays SENDING until its lease expires, and then
     * becomes UNCERTAIN.
     */
    void threw(Claimed claim, Lease lease, Throwable error) {
        hand(new Returned(claim, lease, null, error, System.nanoTime()));
    }

    /**
     * The returned sends a claim writes in its own transaction, with its leases ({@link Senders#take}): their
     * places among the unrecorded rows pass to the rows it leases, in one commit.
     */
    static final class Carried {

        static final Carried NONE = new Carried(List.of());

        private final List<Returned> sends;

        private Carried(List<Returned> sends) {
            this.sends = sends;
        }

        int size() {
            return sends.size();
        }

        List<Attempt> attempts() {
            return sends.stream().map(Returned::attempt).toList();
        }

        List<Lease> leases() {
            return sends.stream().map(Returned::lease).toList();
        }
    }

    /**
     * A claim starts gathering senders: the sends that return meanwhile are left to it, for up to the carry wait
     * ({@link #CARRY_WAIT} in a dispatcher), since writing them with its leases saves a commit and frees their
     * places sooner.
     */
    void claimGathering() {
        gathering.incrementAndGet();
    }

    /** The claim took what it could carry: the rest are this thread's again. */
    void claimGathered() {
        if (gathering.decrementAndGet() == 0 && ready.get() > 0) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Takes up to {@code max} returned sends, not yet in a group, whose outcomes a claim may write
     * ({@link OutcomeRecorder#carriable}); the others stay for this thread.
     */
    Carried carry(int max) {
        if (max <= 0 || ready.get() <= 0) {
            return Carried.NONE;
        }
        List<Returned> taken = new ArrayList<>();
        for (Returned sent : returned) {
            if (taken.size() == max) {
                break;
            }
            // remove() tells whether this thread took it, or the recording thread polled it first.
            if (sent.carriable() && returned.remove(sent)) {
                taken.add(sent);
            }
        }
        if (taken.isEmpty()) {
            return Carried.NONE;
        }
        ready.addAndGet(-taken.size());
        return new Carried(List.copyOf(taken));
    }

    /**
     * The claim that carried them committed, with what they came to: the work after recording runs (on the
     * claim's thread), then their claims learn it. The rows' places passed to the claim's leases.
     */
    void carriedRecorded(Carried carried, Map<MessageStatus, Integer> outcomes) {
        afterRecording(outcomes);
        for (Returned sent : carried.sends) {
            sent.claim().done(null);
        }
    }

    /** The claim that carried them did not commit: they go back to this thread, to be recorded in a group. */
    void carriedBack(Carried carried) {
        if (carried.sends.isEmpty()) {
            return;
        }
        returned.addAll(carried.sends);
        ready.addAndGet(carried.sends.size());
        LockSupport.unpark(thread);
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
            long leftToClaim = leftToClaim();
            if (leftToClaim > 0) {
                // Woken when the claim has taken what it carries.
                LockSupport.parkNanos(this, leftToClaim);
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

    /** How much longer the oldest returned send is left to a claim gathering senders; 0 when it is not. */
    private long leftToClaim() {
        Returned oldest = returned.peek();
        if (closing || gathering.get() == 0 || oldest == null) {
            return 0;
        }
        return oldest.returnedAt() + carryWaitNanos - System.nanoTime();
    }

    private void afterRecording(Map<MessageStatus, Integer> outcomes) {
        try {
            recorded.accept(outcomes);
        } catch (RuntimeException e) {
            log.warn("{}: the work after recording outcomes failed; it runs again after the next ones: {}",
                    nodeId, e.toString());
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
            afterRecording(outcomes);
        }
        for (Returned sent : made) {
            settled.accept(sent.lease());
            sent.claim().done(failed);
        }
    }
}
