package dev.hearth.driver.nativeproto;

import dev.hearth.driver.api.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs scheduled tasks when the test advances its {@link FakeClock}, in due order. */
final class FakeScheduler implements Scheduler {
    private final class Task implements Cancellable {
        final Instant due;
        final long order;
        final Runnable body;
        boolean cancelled;

        Task(Instant due, long order, Runnable body) {
            this.due = due;
            this.order = order;
            this.body = body;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final FakeClock clock;
    private final List<Task> tasks = new ArrayList<>();
    private long scheduled;
    private Runnable afterEach = () -> { };

    FakeScheduler(FakeClock clock) {
        this.clock = clock;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(clock.instant().plus(delay), scheduled++, task);
        tasks.add(t);
        return t;
    }

    /** Runs after every task, e.g. to drain an EmbeddedChannel's queued hops at the task's time. */
    void afterEach(Runnable hook) {
        this.afterEach = hook;
    }

    /** Moves the clock forward by {@code d}, running every task that falls due on the way, at its time. */
    void advance(Duration d) {
        Instant end = clock.instant().plus(d);
        while (true) {
            Task next = tasks.stream().filter(t -> !t.cancelled && !t.due.isAfter(end))
                    .min(Comparator.<Task, Instant>comparing(t -> t.due).thenComparingLong(t -> t.order)).orElse(null);
            if (next == null) break;
            tasks.remove(next);
            if (next.due.isAfter(clock.instant())) clock.advance(Duration.between(clock.instant(), next.due));
            next.body.run();
            afterEach.run();
        }
        if (end.isAfter(clock.instant())) clock.advance(Duration.between(clock.instant(), end));
    }

    /** Live (not cancelled, not run) tasks. */
    long pending() {
        return tasks.stream().filter(t -> !t.cancelled).count();
    }
}
