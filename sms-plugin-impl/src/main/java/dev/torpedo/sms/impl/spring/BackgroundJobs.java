package dev.torpedo.sms.impl.spring;

import dev.torpedo.sms.impl.queue.DispatcherLoop;
import dev.torpedo.sms.impl.queue.UncertainReconciler;
import dev.torpedo.sms.impl.receipt.DeliveryReceipts;
import dev.torpedo.sms.impl.restock.RestockFanOut;
import dev.torpedo.sms.impl.retention.RetentionJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the plugin's work on this node while the host's context runs: the dispatcher loop (which also credits
 * paid purchases), restock fan-out, the receipts that came before their send was recorded, the purge, and, where
 * the provider can tell, the settling of UNCERTAIN messages. Every job is safe on any number of nodes at once.
 * Off on a node with {@code torpedo.sms.dispatcher.enabled=false}.
 */
public final class BackgroundJobs implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BackgroundJobs.class);
    private static final Duration RETENTION_EVERY = Duration.ofHours(6);
    private static final Duration RECONCILE_EVERY = Duration.ofMinutes(5);

    private final boolean enabled;
    private final DispatcherLoop dispatcher;
    private final RestockFanOut fanOut;
    private final RetentionJob retention;
    private final DeliveryReceipts receipts;
    private final Duration pollInterval;
    private final Optional<UncertainReconciler> reconciler;
    private ScheduledExecutorService scheduler;

    BackgroundJobs(boolean enabled, DispatcherLoop dispatcher, RestockFanOut fanOut, RetentionJob retention,
                   DeliveryReceipts receipts, Duration pollInterval, Optional<UncertainReconciler> reconciler) {
        this.enabled = enabled;
        this.dispatcher = dispatcher;
        this.fanOut = fanOut;
        this.retention = retention;
        this.receipts = receipts;
        this.pollInterval = pollInterval;
        this.reconciler = reconciler;
    }

    @Override
    public synchronized void start() {
        if (!enabled || scheduler != null) {
            return;
        }
        dispatcher.start();
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "torpedo-sms-jobs");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(guarded("restock fan-out", fanOut::drainDue),
                0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(guarded("early receipts", receipts::applyParked),
                pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(guarded("retention purge", retention::purge),
                RETENTION_EVERY.toMinutes(), RETENTION_EVERY.toMinutes(), TimeUnit.MINUTES);
        reconciler.ifPresent(job -> scheduler.scheduleWithFixedDelay(guarded("UNCERTAIN reconciliation", job::run),
                RECONCILE_EVERY.toMinutes(), RECONCILE_EVERY.toMinutes(), TimeUnit.MINUTES));
    }

    /** A job that fails is logged and runs again next time: one bad run must not stop the schedule. */
    private static Runnable guarded(String name, Runnable job) {
        return () -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                log.error("Torpedo SMS {} failed; it will run again", name, e);
            }
        };
    }

    /**
     * Stops claiming and lets the sends in flight finish and record (within the lease): a shutdown loses no outcome
     * and sends nothing twice.
     */
    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        dispatcher.stop();
    }

    /** With the context: the dispatcher's sending threads go too, naming any row still in flight. */
    @Override
    public void destroy() {
        dispatcher.closeDispatcher();
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
