package dev.hearth.driver.miio;

import dev.hearth.driver.api.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/** A scheduler and clock that move only when the test says so. */
final class FakeScheduler implements Scheduler {
    private final class Task implements Cancellable, Comparable<Task> {
        final Instant due;
        final long order;
        final Runnable work;
        boolean cancelled;

        Task(Instant due, long order, Runnable work) {
            this.due = due;
            this.order = order;
            this.work = work;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Task o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");
    private long order;

    final Clock clock = new Clock() {
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    };

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(now.plus(delay), order++, task);
        tasks.add(t);
        return t;
    }

    /** Moves time forward, running every task that falls due, in order. */
    void advance(Duration d) {
        Instant end = now.plus(d);
        while (!tasks.isEmpty() && !tasks.peek().due.isAfter(end)) {
            Task t = tasks.poll();
            now = t.due;
            if (!t.cancelled) t.work.run();
        }
        now = end;
    }

    Instant now() {
        return now;
    }
}
