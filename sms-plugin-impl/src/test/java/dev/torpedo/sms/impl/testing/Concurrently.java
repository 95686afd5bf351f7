package dev.torpedo.sms.impl.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * Runs tasks on threads of their own, released together by a latch, and waits for them all: the way tests
 * make dispatchers and jobs race. A task's exception fails the test, with the others suppressed in it.
 *
 * <pre>{@code
 * List<Integer> claimed = Concurrently.run(4, i -> () -> dispatchers.get(i).drain());
 * }</pre>
 */
public final class Concurrently {

    /** Far beyond what any test needs; a task still running then is a hang, reported as a failure. */
    private static final long JOIN_TIMEOUT_MILLIS = 60_000;

    private Concurrently() {
    }

    /** Starts {@code threads} tasks at once and returns their results, in task order. */
    public static <T> List<T> run(int threads, IntFunction<Callable<T>> tasks) {
        CountDownLatch start = new CountDownLatch(1);
        AtomicReferenceArray<T> results = new AtomicReferenceArray<>(threads);
        AtomicReferenceArray<Throwable> errors = new AtomicReferenceArray<>(threads);
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int index = i;
            Callable<T> task = tasks.apply(i);
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    results.set(index, task.call());
                } catch (Throwable t) {
                    errors.set(index, t);
                }
            }, "concurrently-" + i);
            thread.start();
            running.add(thread);
        }
        start.countDown();
        try {
            for (Thread thread : running) {
                thread.join(JOIN_TIMEOUT_MILLIS);
                if (thread.isAlive()) {
                    throw new AssertionError(thread.getName() + " still running after " + JOIN_TIMEOUT_MILLIS + " ms");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for the tasks", e);
        }
        AssertionError failure = null;
        for (int i = 0; i < threads; i++) {
            Throwable error = errors.get(i);
            if (error != null) {
                if (failure == null) {
                    failure = new AssertionError("Task " + i + " failed: " + error, error);
                } else {
                    failure.addSuppressed(error);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        List<T> list = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            list.add(results.get(i));
        }
        return list;
    }
}
