package dev.hearth.driver.api;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link Scheduler}: one daemon thread. Tasks must be short; a task that throws
 * is logged and does not stop the thread or later tasks. The one real-time scheduler of the build:
 * the gateway, the simulator outside tests and the integration tests all use it (unit tests use the
 * test kit's manual scheduler).
 */
public final class SystemScheduler implements Scheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SystemScheduler.class);

    private final ScheduledThreadPoolExecutor executor;

    public SystemScheduler(String threadName) {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        // Cancelled timers (heartbeat watchdogs are re-armed constantly) must not pile up in the queue.
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    public SystemScheduler() {
        this("hearth-scheduler");
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        long nanos = Math.max(0, delay.toNanos());
        ScheduledFuture<?> f;
        try {
            f = executor.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("scheduled task failed: {}", e.toString(), e);
                }
            }, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // After close nothing runs any more: a timer re-armed by a connection that is shutting
            // down at the same time is dropped, not thrown into that connection's I/O thread.
            LOG.debug("scheduler closed; task dropped");
            return () -> { };
        }
        return () -> f.cancel(false);
    }

    /** Cancels pending tasks and stops the thread (waits up to a second for a running task). */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
