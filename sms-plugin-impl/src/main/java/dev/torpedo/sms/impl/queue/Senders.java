package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.spi.SendResult;
import dev.torpedo.sms.api.spi.SmsGateway;
import dev.torpedo.sms.impl.gateway.SendHeldBack;
import dev.torpedo.sms.impl.window.SendWindow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A node's sending threads, and the two bounds every claim is sized by. A row is leased only with a free sender
 * for it, so that every leased row is being sent or is about to be; and only with a place among the rows leased
 * and not yet recorded, as many as there are senders, so that a send that returned holds its place until its
 * outcome is written. A node that dies so leaves in doubt at most its concurrency: the sends on the wire and
 * those whose answer it had not yet written. A claim may take over the places of returned sends by writing their
 * outcomes in its own transaction ({@link Slots}).
 *
 * <p>Each send reads the clock first: a row whose window closed while it waited for its turn is not sent. Its
 * outcome goes to the {@link Recording} as it returns.
 */
final class Senders {

    /** How long a claim waits for more free senders before it claims for those it has. */
    static final Duration CLAIM_GATHER = Duration.ofMillis(5);
    /** How often a claim waiting for a free sender looks whether the node is stopping. */
    private static final long STOP_LOOK_MILLIS = 100;

    private final SmsGateway gateway;
    private final SendWindow window;
    private final Clock clock;
    private final int concurrency;
    private final BooleanSupplier stopping;
    private final Recording recording;
    private final ExecutorService threads;
    /** One permit per sending thread, taken by the claim and given back when the row's send returns. */
    private final Semaphore free;
    /** One permit per row that may be leased and not yet recorded; given back when the row is settled. */
    private final Semaphore unrecorded;
    private final int unrecordedMax;
    /** The rows handed to the senders and not yet settled: what a shutdown that runs out of time names. */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    /**
     * @param stopping  whether the node stops claiming: a claim waiting for senders then gives up
     * @param recording where the outcomes go; it tells {@link #settled} when each row is done with
     */
    Senders(String nodeId, int concurrency, SmsGateway gateway, SendWindow window, Clock clock,
            BooleanSupplier stopping, Recording recording) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.window = Objects.requireNonNull(window, "window");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.concurrency = concurrency;
        this.stopping = Objects.requireNonNull(stopping, "stopping");
        this.recording = Objects.requireNonNull(recording, "recording");
        this.threads = Executors.newFixedThreadPool(concurrency, threadsOf(nodeId));
        this.free = new Semaphore(concurrency);
        this.unrecordedMax = concurrency;
        this.unrecorded = new Semaphore(unrecordedMax);
    }

    /**
     * What a claim may lease: {@code rows}, each with a free sender and a place among the unrecorded rows. Some of
     * the places may be held by {@code carried} sends, returned and not yet recorded, whose outcomes the claim
     * writes in its own transaction: their places pass to the rows it leases in the same commit.
     */
    record Slots(int rows, Recording.Carried carried) {

        static final Slots NONE = new Slots(0, Recording.Carried.NONE);
    }

    /**
     * Waits for a free sender, then up to {@link #CLAIM_GATHER} for more, until half the senders are free, and
     * takes every other free one too, up to {@code limit}; then as many places as are free, and for the senders
     * left without one, the returned sends whose places the claim can take over by writing their outcomes
     * ({@link Recording#carry}). Only when neither is to be had does it wait for a place. Sends return one by one:
     * the short wait makes claims of many rows rather than of one. The sends bound the waits: each returns within
     * the gateway's timeouts, and is recorded within its lease.
     *
     * @return what a claim may lease now; no rows when stopping or interrupted. What the claim does not lease it
     *         gives back ({@link #claimed}, {@link #giveBack})
     */
    Slots take(int limit) {
        int enough = Math.min(limit, Math.max(1, concurrency / 2));
        try {
            int senders;
            int places;
            Recording.Carried carried;
            recording.claimGathering();
            try {
                senders = gather(free, enough, limit);
                if (senders == 0) {
                    return Slots.NONE;
                }
                places = takeFree(unrecorded, senders);
                carried = recording.carry(senders - places);
            } finally {
                recording.claimGathered();
            }
            if (places + carried.size() == 0) {
                places = gather(unrecorded, Math.min(enough, senders), senders);
            }
            free.release(senders - places - carried.size());
            return new Slots(places + carried.size(), carried);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Slots.NONE;
        }
    }

    /**
     * The claim committed, leasing {@code leased} rows: the senders and places it does not use are free again,
     * and the carried sends are done with (their outcomes written, their places passed on).
     */
    void claimed(Slots slots, int leased) {
        slots.carried().leases().forEach(lease -> inFlight.remove(lease.id()));
        release(slots.rows() - leased);
    }

    /**
     * The claim did not commit: its senders and places are free again, and the carried sends go back to the
     * recording thread with theirs.
     */
    void giveBack(Slots slots) {
        free.release(slots.rows());
        unrecorded.release(slots.rows() - slots.carried().size());
        recording.carriedBack(slots.carried());
    }

    /** {@code slots} without its carried sends, given back to the recording thread with their places. */
    Slots uncarry(Slots slots) {
        int carried = slots.carried().size();
        free.release(carried);
        recording.carriedBack(slots.carried());
        return new Slots(slots.rows() - carried, Recording.Carried.NONE);
    }

    /** Frees senders and places that no row was leased with. */
    private void release(int taken) {
        free.release(taken);
        unrecorded.release(taken);
    }

    /** Takes the permits free now, up to {@code limit}. */
    private static int takeFree(Semaphore permits, int limit) {
        int taken = permits.drainPermits();
        if (taken > limit) {
            permits.release(taken - limit);
            taken = limit;
        }
        return taken;
    }

    /**
     * Waits for one of {@code permits}, then up to {@link #CLAIM_GATHER} until it holds {@code enough}, and takes
     * every other free one too, up to {@code limit}; 0 when stopping.
     */
    private int gather(Semaphore permits, int enough, int limit) throws InterruptedException {
        // In short waits, so that a stop is seen while every permit is out.
        while (!permits.tryAcquire(STOP_LOOK_MILLIS, TimeUnit.MILLISECONDS)) {
            if (stopping.getAsBoolean()) {
                return 0;
            }
        }
        int taken = 1 + permits.drainPermits();
        long until = System.nanoTime() + CLAIM_GATHER.toNanos();
        for (long left = CLAIM_GATHER.toNanos(); taken < enough && left > 0; left = until - System.nanoTime()) {
            if (!permits.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                break;
            }
            taken += 1 + permits.drainPermits();
        }
        if (taken > limit) {
            permits.release(taken - limit);
            taken = limit;
        }
        return taken;
    }

    /**
     * Sends the leased rows, each on a sender {@link #take} reserved for it, and hands each outcome to the
     * recording thread as its send returns, so that a receipt rarely finds its row still SENDING.
     *
     * @param leaseEnds when the earliest of the rows' leases ends: how long their outcomes may wait
     */
    Recording.Claimed send(List<Lease> leased, Instant leaseEnds) {
        Recording.Claimed rows = recording.claimed(leased.size(), leaseEnds);
        for (Lease lease : leased) {
            inFlight.add(lease.id());
            threads.execute(() -> {
                Attempt made;
                try {
                    made = attempt(lease);
                } catch (Throwable error) {
                    free.release();
                    recording.threw(rows, lease, error);
                    return;
                }
                free.release();
                recording.returned(rows, lease, made);
            });
        }
        return rows;
    }

    private Attempt attempt(Lease lease) {
        Instant now = clock.instant();
        if (!now.isBefore(lease.closing())) {
            return new Attempt.WindowClosed(lease, window.nextOpening(lease.sms().to(), now));
        }
        try {
            SendResult result = Objects.requireNonNull(gateway.send(lease.sms()), "the gateway's result");
            return new Attempt.Answered(lease, result, clock.instant());
        } catch (SendHeldBack held) {
            return new Attempt.HeldBack(lease, held.getMessage(), clock.instant().plus(held.retryAfter()));
        } catch (RuntimeException e) {
            return new Attempt.Threw(lease, e, clock.instant());
        }
    }

    /** A row is done with, recorded or not: its place among the unrecorded rows is free again. */
    void settled(Lease lease) {
        inFlight.remove(lease.id());
        unrecorded.release();
    }

    /** Waits up to {@code timeout} until every row handed to the senders is settled. */
    boolean awaitSettled(Duration timeout) throws InterruptedException {
        if (!unrecorded.tryAcquire(unrecordedMax, Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS)) {
            return false;
        }
        unrecorded.release(unrecordedMax);
        return true;
    }

    /** How many more rows could be leased now as far as the unrecorded rows go; for tests. */
    int placesFree() {
        return unrecorded.availablePermits();
    }

    /** The ids of the rows handed to the senders and not yet settled, in order. */
    SortedSet<Long> inFlight() {
        return new TreeSet<>(inFlight);
    }

    /** Lets the sends in hand finish, and takes no more. */
    void shutdown() {
        threads.shutdown();
    }

    private static ThreadFactory threadsOf(String nodeId) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "torpedo-send-" + nodeId + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
