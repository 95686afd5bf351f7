package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.api.spi.SmsGateway;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.db.Dialect;
import dev.torpedo.sms.impl.db.Transactions;
import dev.torpedo.sms.impl.gateway.GatewayAvailability;
import dev.torpedo.sms.impl.optout.SuppressionList;
import dev.torpedo.sms.impl.window.SendWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.PlatformTransactionManager;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.random.RandomGenerator;

/**
 * Works the message queue: claims due rows, pays for them, sends them and records what happened. Any number of
 * dispatchers, on any number of nodes, may work the same database at once; a row is never sent twice, never
 * outside its send window, and always ends in a state the merchant can see.
 *
 * <p>One {@link #runOnce()}:
 * <ol>
 *   <li>rows still SENDING past their lease (a crashed node's) become UNCERTAIN: they may have gone out, so they
 *       are never resent blindly;</li>
 *   <li>if the gateway is paused (a {@code GatewayAvailability} whose circuit breaker is open) nothing is claimed,
 *       so no row spends an attempt; while it tries itself out again, one row is claimed;</li>
 *   <li>one short transaction claims as many due rows as there are sending threads free (at most a batch;
 *       {@code FOR UPDATE SKIP LOCKED}), so that a node that dies leaves SENDING only the sends it had in flight:
 *       rows whose
 *       window is closed (or about to close) move to its next opening, rows to a suppressed number are
 *       cancelled, the rest are paid for, first come first served per store, and leased to this node (SENDING);
 *       what the store cannot pay waits for credit;</li>
 *   <li>the leased rows are sent outside any transaction, {@code concurrency} at a time; each send first checks
 *       the clock again, and a row whose window closed meanwhile goes back to the queue for the next opening,
 *       keeping the credits it paid;</li>
 *   <li>each outcome is recorded as its send returns, by the node's recording thread ({@link Recording}): those
 *       that return while one group is being recorded go together in the next, whichever claim they came from;
 *       only if this node still holds the row's lease; then the receipts that came before their send was
 *       recorded are applied ({@link Builder#afterRecorded}). A claim that finds senders free whose rows' places
 *       are still held by such outcomes writes those it can (sends the provider took) in its own transaction,
 *       before it leases rows in their places: the places free and fill in one commit.</li>
 * </ol>
 *
 * <p>{@code runOnce} is thread-safe, and waits for its batch's outcomes. {@link #drain()} and
 * {@link DispatcherLoop} do not: their {@link DispatcherOptions#batchesInFlight()} threads claim again while the
 * recording thread records, sharing the {@code concurrency} sending threads; rows leased and not yet recorded are
 * never more than the senders, so that a node that dies leaves at most that many UNCERTAIN. Run one dispatcher
 * per node, with its own node id. {@link #close()} waits for the batches in hand and their outcomes, and stops
 * its sending and recording threads.
 *
 * <pre>{@code
 * try (var dispatcher = Dispatcher.builder(jdbc, transactionManager, Dialect.of(dataSource), gateway)
 *         .ledger(ledger).suppressions(suppressions).window(window)
 *         .options(DispatcherOptions.defaults("node-1")).clock(clock).build()) {
 *     dispatcher.drain();
 * }
 * }</pre>
 */
public final class Dispatcher implements AutoCloseable {

    static final String LEASE_EXPIRED = LeaseRecovery.LEASE_EXPIRED;
    static final String WINDOW_CLOSED = OutcomePolicy.WINDOW_CLOSED;

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final Dialect dialect;
    private final SmsGateway gateway;
    private final DispatcherOptions options;
    private final QueueMetrics metrics;
    private final Clock clock;
    private final DispatchSummary summary;
    private final Transactions transactions;
    private final Claimer claimer;
    private final LeaseRecovery leases;
    private final OutcomeRecorder recorder;
    private final Recording recording;
    private final Senders senders;
    /** Held for reading by every batch in flight, for writing by {@link #close()}, which so waits for them. */
    private final ReadWriteLock batches = new ReentrantReadWriteLock();
    private volatile boolean closed;
    private volatile boolean stopping;

    private Dispatcher(Builder builder) {
        this.dialect = Objects.requireNonNull(builder.dialect, "dialect");
        this.gateway = Objects.requireNonNull(builder.gateway, "gateway");
        CreditLedger ledger = Objects.requireNonNull(builder.ledger, "ledger");
        SuppressionList suppressions = Objects.requireNonNull(builder.suppressions, "suppressions");
        SendWindow window = Objects.requireNonNull(builder.window, "window");
        this.options = Objects.requireNonNull(builder.options, "options");
        this.metrics = builder.metrics;
        this.clock = builder.clock;
        this.summary = new DispatchSummary(options.nodeId(), clock);
        // Always a transaction of our own, so that nothing is ever sent inside a caller's.
        this.transactions = new Transactions(Objects.requireNonNull(builder.transactions, "transactions"));
        MessageRepository messages = new MessageRepository(Objects.requireNonNull(builder.jdbc, "jdbc"), dialect, clock);
        this.claimer = new Claimer(messages, ledger, suppressions, window, options.nodeId(), options.lease());
        this.leases = new LeaseRecovery(messages, transactions, metrics, clock, options.nodeId());
        this.recorder = new OutcomeRecorder(messages, transactions, ledger, suppressions, gateway.name(),
                OutcomePolicy.of(options, builder.jitter), metrics, clock, options.nodeId());
        Runnable afterRecorded = builder.afterRecorded;
        Pause retryPause = builder.retryPause;
        // Groups of up to one sender pool's worth: every unrecorded row, so that a full group is written at once.
        this.recording = new Recording(options.nodeId(), options.concurrency(), Recording.GROUP_WAIT,
                Recording.CARRY_WAIT,
                (group, leaseEnds) -> recorder.recordWithinLease(group, leaseEnds, options.lease(), retryPause),
                this::settled, outcomes -> {
            summary.add(outcomes, 0);
            afterRecorded.run();
        });
        this.senders = new Senders(options.nodeId(), options.concurrency(), gateway, window, clock,
                () -> stopping, recording);
    }

    /** The recording thread is done with a row: the senders may lease another in its place. */
    private void settled(Lease lease) {
        senders.settled(lease);
    }

    /**
     * A dispatcher on the host's database and the gateway; the rest has defaults (the options of a node with a
     * random id, no metrics, the system clock, a secure random jitter, nothing to run after recording).
     */
    public static Builder builder(JdbcOperations jdbc, PlatformTransactionManager transactions, Dialect dialect,
                                  SmsGateway gateway) {
        return new Builder(jdbc, transactions, dialect, gateway);
    }

    /** What a dispatcher works with. {@code ledger}, {@code suppressions} and {@code window} are required. */
    public static final class Builder {

        private final JdbcOperations jdbc;
        private final PlatformTransactionManager transactions;
        private final Dialect dialect;
        private final SmsGateway gateway;
        private CreditLedger ledger;
        private SuppressionList suppressions;
        private SendWindow window;
        private DispatcherOptions options = DispatcherOptions.defaults("node-" + UUID.randomUUID());
        private QueueMetrics metrics = QueueMetrics.NONE;
        private Clock clock = Clock.systemUTC();
        private RandomGenerator jitter = new SecureRandom();
        private Runnable afterRecorded = () -> { };
        private Pause retryPause = nanos -> TimeUnit.NANOSECONDS.sleep(nanos);

        private Builder(JdbcOperations jdbc, PlatformTransactionManager transactions, Dialect dialect,
                        SmsGateway gateway) {
            this.jdbc = jdbc;
            this.transactions = transactions;
            this.dialect = dialect;
            this.gateway = gateway;
        }

        public Builder ledger(CreditLedger ledger) {
            this.ledger = ledger;
            return this;
        }

        public Builder suppressions(SuppressionList suppressions) {
            this.suppressions = suppressions;
            return this;
        }

        public Builder window(SendWindow window) {
            this.window = window;
            return this;
        }

        public Builder options(DispatcherOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        public Builder metrics(QueueMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Spreads retries; need not be thread-safe (it is only used under a lock). */
        public Builder jitter(RandomGenerator jitter) {
            this.jitter = Objects.requireNonNull(jitter, "jitter");
            return this;
        }

        /**
         * Runs after each group of outcomes is committed, on the recording thread: the engine applies there the
         * delivery receipts that came before their send was recorded. A failure is logged, never the batch's.
         */
        public Builder afterRecorded(Runnable afterRecorded) {
            this.afterRecorded = Objects.requireNonNull(afterRecorded, "afterRecorded");
            return this;
        }

        /** How the recorder waits between attempts while the database is away: a test's own, that never sleeps. */
        Builder retryPause(Pause retryPause) {
            this.retryPause = Objects.requireNonNull(retryPause, "retryPause");
            return this;
        }

        public Dispatcher build() {
            return new Dispatcher(this);
        }
    }

    public DispatcherOptions options() {
        return options;
    }

    /**
     * Recovers expired leases, claims one batch, sends it and records the outcomes.
     *
     * <p>The claim looks from where the last claims found rows ({@link ClaimStart}), and from the start of the
     * queue at least every few seconds: a row due below that point (its host transaction committed late, say)
     * may wait that long. {@link #drain()} looks from the start before it returns.
     *
     * @return the rows claimed, whatever became of them (sent, deferred, waiting for credit, cancelled); 0 when
     *         nothing was due or the gateway is paused ({@link GatewayAvailability})
     */
    public int runOnce() {
        return runOnce(false);
    }

    /** {@link #runOnce()}, its claim looking from the start of the queue if {@code fromStart} ({@link ClaimStart}). */
    int runOnce(boolean fromStart) {
        Lock inFlight = batches.readLock();
        inFlight.lock();
        try {
            HandedOff claim = claimAndSend(fromStart);
            claim.rows().awaitRecorded();
            return claim.claimed();
        } finally {
            inFlight.unlock();
        }
    }

    /**
     * {@link #runOnce()} without waiting for the outcomes: the claim's rows are sent and then recorded by the
     * recording thread while the caller claims again. What {@link #drain()} and {@link DispatcherLoop} run.
     */
    HandedOff handOff(boolean fromStart) {
        Lock inFlight = batches.readLock();
        inFlight.lock();
        try {
            return claimAndSend(fromStart);
        } finally {
            inFlight.unlock();
        }
    }

    /** What one claim handed to the senders: how many rows it claimed, and those being sent, until recorded. */
    record HandedOff(int claimed, Recording.Claimed rows) {
    }

    private HandedOff claimAndSend(boolean fromStart) {
        if (closed) {
            throw new IllegalStateException("Dispatcher " + options.nodeId() + " is closed");
        }
        if (stopping) {
            return nothing();
        }
        leases.recover();
        int limit = claimLimit(clock.instant());
        if (limit == 0) {
            return nothing();
        }
        // No more rows than can start sending now: a node that dies leaves only its sends in flight SENDING.
        Senders.Slots slots = senders.take(limit);
        if (slots.rows() == 0) {
            return nothing();
        }
        if (stopping) {
            senders.giveBack(slots);
            return nothing();
        }
        // The leases end then at the latest: how long the outcomes may wait for the database.
        Instant leaseEnds = clock.instant().plus(options.lease());
        Carrying done = claimCarrying(slots, fromStart);
        slots = done.slots();
        Claimer.Claim claim = done.claim();
        senders.claimed(slots, claim.leased().size());
        for (DueRow row : claim.invalid()) {
            log.warn("{}: message {} cannot be sent as stored (recipient, text or encoding invalid): FAILED",
                    options.nodeId(), row.id());
            metrics.failed(row.kind(), "invalid");
        }
        Recording.Claimed rows = senders.send(claim.leased(), leaseEnds);
        if (done.written() != null) {
            // After the new rows are on their way: the meters, the log lines and the receipts that came first.
            recording.carriedRecorded(slots.carried(), recorder.report(done.written()));
        }
        if (claim.claimed() > 0) {
            log.debug("{}: claimed {}: {} to the provider, {} deferred to their window, {} waiting for credit,"
                            + " {} cancelled (number suppressed), {} invalid; {} earlier send(s) recorded with it",
                    options.nodeId(), claim.claimed(), claim.leased().size(), claim.deferred(), claim.waiting(),
                    claim.cancelled(), claim.invalid().size(), slots.carried().size());
            summary.add(Map.of(), claim.waiting());
        }
        if (limit < options.batchSize()) {
            // The gateway allowed less than a batch (the trial send of a paused provider): its outcome decides
            // what the next claim may take, so wait for it rather than claim rows that would only be held back.
            rows.awaitSettled();
        }
        return new HandedOff(claim.claimed(), rows);
    }

    /** A claim, with the outcomes it wrote ({@code null} when it carried none) and the slots it used. */
    private record Carrying(Senders.Slots slots, OutcomeRecorder.Written written, Claimer.Claim claim) {
    }

    /**
     * Claims in one transaction with the outcomes of the carried sends, so that their places fill as they free:
     * one commit for both. If a carried row is no longer this node's, they go back to the recording thread,
     * which finds which, and the claim runs alone.
     */
    private Carrying claimCarrying(Senders.Slots slots, boolean fromStart) {
        Senders.Slots claiming = slots;
        if (slots.carried().size() > 0) {
            List<Attempt> carried = slots.carried().attempts();
            try {
                return transactions.run(status -> new Carrying(slots, recorder.writeSent(carried),
                        claimer.claim(clock.instant(), slots.rows(), fromStart)));
            } catch (OutcomeRecorder.LeaseLost lost) {
                claiming = senders.uncarry(slots);
            } catch (RuntimeException e) {
                senders.giveBack(slots);
                throw e;
            }
        }
        int rows = claiming.rows();
        try {
            Claimer.Claim claim = rows == 0 ? Claimer.Claim.NOTHING
                    : transactions.run(status -> claimer.claim(clock.instant(), rows, fromStart));
            return new Carrying(claiming, null, claim);
        } catch (RuntimeException e) {
            senders.giveBack(claiming);
            throw e;
        }
    }

    private HandedOff nothing() {
        return new HandedOff(0, recording.claimed(0, clock.instant()));
    }

    /**
     * Claims until nothing is due, on {@code batchesInFlight} threads (the caller's and others started for the
     * purpose), each claiming again while its earlier batches are sent and recorded; returns once every outcome
     * is recorded.
     *
     * @return the rows claimed in all
     */
    public int drain() {
        AtomicInteger total = new AtomicInteger();
        Runnable lane = () -> {
            Deque<Recording.Claimed> pending = new ArrayDeque<>();
            try {
                drainLane(pending, total);
            } finally {
                // Every outcome of the lane's claims is recorded (or given up on) before the drain returns.
                pending.forEach(Recording.Claimed::awaitSettled);
            }
        };
        List<Thread> others = new ArrayList<>();
        for (int i = 1; i < options.batchesInFlight(); i++) {
            Thread other = new Thread(lane, "torpedo-drain-" + options.nodeId() + "-" + i);
            other.setDaemon(true);
            others.add(other);
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        others.forEach(other -> {
            other.setUncaughtExceptionHandler((thread, error) -> failure.compareAndSet(null, error));
            other.start();
        });
        try {
            lane.run();
        } finally {
            boolean interrupted = false;
            for (Thread other : others) {
                // Their batches' outcomes must be recorded before this returns.
                while (other.isAlive()) {
                    try {
                        other.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("A drain thread of " + options.nodeId() + " failed", failure.get());
        }
        return total.get();
    }

    /** Claims until nothing is due; {@code pending} holds the claims whose outcomes are not yet all recorded. */
    private void drainLane(Deque<Recording.Claimed> pending, AtomicInteger total) {
        while (true) {
            HandedOff claim = handOff(false);
            if (claim.claimed() == 0) {
                // Before the last look, the outcomes of this lane's claims: a send put back in the queue (its
                // window closed, say) may be due again. The last look is from the start of the queue, so that
                // no due row below where claims begin is left.
                awaitOldest(pending, 0);
                claim = handOff(true);
                if (claim.claimed() == 0) {
                    break;
                }
            }
            total.addAndGet(claim.claimed());
            pending.add(claim.rows());
            awaitOldest(pending, PENDING_CLAIMS);
        }
    }

    /** How many claims a drain lane keeps in hand before it waits for the oldest one's outcomes. */
    private static final int PENDING_CLAIMS = 64;

    /**
     * Waits until at most {@code keep} claims are unrecorded, from the oldest; throws what kept one from being
     * recorded, so that a drain that lost outcomes says so.
     */
    private static void awaitOldest(Deque<Recording.Claimed> pending, int keep) {
        while (!pending.isEmpty() && (pending.size() > keep || pending.peekFirst().isRecorded())) {
            pending.pollFirst().awaitRecorded();
        }
    }

    /**
     * Stops claiming: a batch in hand still sends and records, but no new one starts, and {@link #runOnce()}
     * returns 0 from now on. What a node does first when it shuts down.
     */
    public void stopClaiming() {
        stopping = true;
    }

    /** Claims again after {@link #stopClaiming()}: a loop started again. */
    public void resumeClaiming() {
        if (closed) {
            throw new IllegalStateException("Dispatcher " + options.nodeId() + " is closed");
        }
        stopping = false;
    }

    /** {@link #close(Duration)} within the lease: past it, the rows in flight are another node's to recover anyway. */
    @Override
    public void close() {
        close(options.lease());
    }

    /**
     * Stops claiming, waits up to {@code timeout} for the batches in hand to send and record, and stops the sending
     * threads. A row still in flight when the timeout ends is named in a WARN line: it stays SENDING until its
     * lease expires, and then becomes UNCERTAIN on whichever node recovers it. A closed dispatcher runs no more.
     *
     * @return whether every batch in hand finished
     */
    public boolean close(Duration timeout) {
        stopClaiming();
        Lock all = batches.writeLock();
        boolean finished;
        long until = System.nanoTime() + timeout.toNanos();
        boolean locked;
        try {
            locked = all.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS);
            finished = locked && awaitRecorded(Duration.ofNanos(until - System.nanoTime()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = false;
            finished = false;
        }
        try {
            if (!finished) {
                SortedSet<Long> inFlight = senders.inFlight();
                log.warn("{}: closed with {} message(s) still being sent after {}: ids {}; they stay SENDING until"
                        + " their lease expires, then UNCERTAIN", options.nodeId(), inFlight.size(), timeout,
                        inFlight);
            }
            closed = true;
            senders.shutdown();
            recording.close();
        } finally {
            if (locked) {
                all.unlock();
            }
        }
        return finished;
    }

    /**
     * Waits up to {@code timeout} until every row handed to the senders is recorded (or given up on): what a
     * stopping loop waits for after its last claim.
     */
    boolean awaitRecorded(Duration timeout) throws InterruptedException {
        return senders.awaitSettled(timeout);
    }

    /**
     * How many rows to claim: a batch, unless the gateway says it is paused (none: no row spends an attempt on a
     * provider known to be failing) or is trying itself out again (one).
     */
    private int claimLimit(Instant now) {
        if (!(gateway instanceof GatewayAvailability availability)) {
            return options.batchSize();
        }
        Optional<Instant> paused = availability.pausedUntil();
        if (paused.isPresent() && paused.get().isAfter(now)) {
            log.debug("{}: gateway {} paused until {}: claiming nothing", options.nodeId(), gateway.name(), paused.get());
            return 0;
        }
        return Math.max(0, Math.min(options.batchSize(), availability.claimLimit(options.batchSize())));
    }

    /** Waits between attempts to record; a test replaces it so that no test sleeps. */
    @FunctionalInterface
    interface Pause {
        void sleep(long nanos) throws InterruptedException;
    }

    @Override
    public String toString() {
        return "Dispatcher[" + options.nodeId() + " on " + dialect.name() + " via " + gateway.name() + "]";
    }
}
