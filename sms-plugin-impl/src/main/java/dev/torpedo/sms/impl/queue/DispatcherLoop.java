package dev.torpedo.sms.impl.queue;

import dev.torpedo.sms.impl.credit.CreditPurchases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps one {@link Dispatcher} working, on {@link DispatcherOptions#batchesInFlight()} threads of its own: each
 * runs a batch, and again at once while there was anything to claim, else after the poll interval. At most once a
 * minute one of them also runs the credit job ({@link CreditPurchases#creditDue()}). A failing run is logged and
 * the loop goes on.
 *
 * <pre>{@code
 * var loop = new DispatcherLoop(dispatcher, purchases, Duration.ofSeconds(5), clock);
 * loop.start();
 * ...
 * loop.stop();        // stops claiming, waits for the batches in hand; then close the dispatcher
 * }</pre>
 */
public final class DispatcherLoop {

    static final Duration CREDIT_EVERY = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(DispatcherLoop.class);

    private final Dispatcher dispatcher;
    private final CreditPurchases purchases;
    private final Duration pollInterval;
    private final Clock clock;
    private volatile ScheduledExecutorService threads;
    /** Guarded by {@link #creditLock}. */
    private Instant nextCreditRun = Instant.MIN;
    private final Object creditLock = new Object();

    /**
     * @param purchases    whose credit job to run, or {@code null} when another component runs it
     * @param pollInterval the pause after a batch that was not full
     */
    public DispatcherLoop(Dispatcher dispatcher, CreditPurchases purchases, Duration pollInterval, Clock clock) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.purchases = purchases;
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("The poll interval must be positive: " + pollInterval);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        dispatcher.resumeClaiming();
        int lanes = dispatcher.options().batchesInFlight();
        AtomicInteger count = new AtomicInteger();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(lanes, runnable -> {
            Thread t = new Thread(runnable, "torpedo-dispatch-" + dispatcher.options().nodeId() + "-"
                    + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // Once stopped, nothing further is scheduled.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        threads = executor;
        for (int lane = 0; lane < lanes; lane++) {
            executor.execute(this::tick);
        }
        log.info("Dispatcher loop {} started", dispatcher.options().nodeId());
    }

    /**
     * Stops the loop after the batches in hand and their outcomes are recorded, waiting at most the lease for them.
     */
    public synchronized void stop() {
        if (threads == null) {
            return;
        }
        dispatcher.stopClaiming();
        threads.shutdown();
        try {
            long until = System.nanoTime() + dispatcher.options().lease().toNanos();
            if (!threads.awaitTermination(dispatcher.options().lease().toMillis(), TimeUnit.MILLISECONDS)
                    || !dispatcher.awaitRecorded(Duration.ofNanos(until - System.nanoTime()))) {
                log.warn("Dispatcher loop {} did not finish its batch in time", dispatcher.options().nodeId());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads = null;
        log.info("Dispatcher loop {} stopped", dispatcher.options().nodeId());
    }

    /** Stops the loop and closes its dispatcher ({@link Dispatcher#close()}): for good, at shutdown. */
    public synchronized void closeDispatcher() {
        stop();
        dispatcher.close();
    }

    public synchronized boolean isRunning() {
        return threads != null && !threads.isShutdown();
    }

    private void tick() {
        boolean more = false;
        try {
            creditDueNowAndThen();
            // A claim takes only the free sending threads' worth, so any row claimed means more may be due. Its
            // outcomes are written later, with the next claim or by the recording thread, which logs what it
            // cannot record.
            more = dispatcher.handOff(false).claimed() > 0;
        } catch (RuntimeException e) {
            log.error("Dispatcher loop {}: the batch failed; trying again after {}", dispatcher.options().nodeId(),
                    pollInterval, e);
        }
        ScheduledExecutorService executor = threads;
        if (executor == null || executor.isShutdown()) {
            return;
        }
        try {
            if (more) {
                executor.execute(this::tick);
            } else {
                executor.schedule(this::tick, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // stop() came in between: nothing more to do.
        }
    }

    private void creditDueNowAndThen() {
        if (purchases == null) {
            return;
        }
        Instant now = clock.instant();
        synchronized (creditLock) {
            if (now.isBefore(nextCreditRun)) {
                return;
            }
            nextCreditRun = now.plus(CREDIT_EVERY);
        }
        try {
            int credited = purchases.creditDue();
            if (credited > 0) {
                log.info("Dispatcher loop {}: {} credit purchase(s) credited", dispatcher.options().nodeId(), credited);
            }
        } catch (RuntimeException e) {
            log.error("Dispatcher loop {}: the credit job failed", dispatcher.options().nodeId(), e);
        }
    }
}
