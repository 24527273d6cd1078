package dev.hearth.testkit;

import dev.hearth.driver.api.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} driven by a {@link ManualClock}: {@link #advance} moves the clock and runs,
 * on the caller's thread and in due-time order, every task that falls due (including tasks those
 * tasks schedule). The clock reads each task's due time while it runs. The one fake scheduler of the
 * build: the gateway's, the drivers' and the simulator's unit tests all drive time with it.
 */
public final class ManualScheduler implements Scheduler {
    private final ManualClock clock;
    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            Comparator.comparing((Task t) -> t.due).thenComparingLong(t -> t.seq));
    private long nextSeq;
    private volatile Runnable afterEach = () -> { };

    public ManualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    /** Runs after every task, e.g. to drain an EmbeddedChannel's queued hops at the task's time. */
    public void afterEach(Runnable hook) {
        this.afterEach = java.util.Objects.requireNonNull(hook, "hook");
    }

    public ManualClock clock() {
        return clock;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(clock.instant().plus(delay.isNegative() ? Duration.ZERO : delay), nextSeq++, task);
        queue.add(t);
        return () -> {
            synchronized (ManualScheduler.this) {
                queue.remove(t);
            }
        };
    }

    /** Moves the clock forward by {@code d}, running every task due up to the new time. */
    public void advance(Duration d) {
        Instant target = clock.instant().plus(d);
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due.isAfter(target)) break;
                queue.poll();
            }
            if (next.due.isAfter(clock.instant())) clock.set(next.due);
            next.task.run();
            afterEach.run();
        }
        clock.set(target);
    }

    /** Runs the tasks due now without moving the clock. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** How many tasks are waiting. */
    public synchronized int pending() {
        return queue.size();
    }

    private record Task(Instant due, long seq, Runnable task) {
    }
}
