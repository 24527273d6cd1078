package dev.hearth.driver.api;

import java.time.Duration;

/**
 * Timers, injected so tests can run on a fake clock. Tasks run on a scheduler thread, not on a
 * driver's I/O thread: a task that touches connection state hops to that connection's thread.
 * The scheduler a driver gets is the gateway's latency-sensitive one (watchdogs, timeouts): a task
 * must be short and must not block or do storage I/O; housekeeping runs on another thread.
 */
public interface Scheduler {

    /** A scheduled task that can be cancelled; cancelling a task that already ran does nothing. */
    interface Cancellable {
        void cancel();
    }

    Cancellable schedule(Duration delay, Runnable task);
}
