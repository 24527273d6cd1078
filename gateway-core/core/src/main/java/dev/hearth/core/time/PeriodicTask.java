package dev.hearth.core.time;

import dev.hearth.driver.api.Scheduler;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task now and then every {@code every} on a {@link Scheduler}, until closed. A pass that
 * throws (a disk error) is logged and tried again at the next one: a failure must not end the
 * schedule.
 */
public final class PeriodicTask implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration every;
    private final Scheduler scheduler;
    private final Runnable task;
    private volatile boolean stopped;
    private volatile Optional<Scheduler.Cancellable> next = Optional.empty();

    /** {@code name} says what failed in the log ("retention pass"). */
    public PeriodicTask(String name, Duration every, Scheduler scheduler, Runnable task) {
        this.name = Objects.requireNonNull(name, "name");
        if (every.isNegative() || every.isZero()) throw new IllegalArgumentException("every must be positive");
        this.every = every;
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.task = Objects.requireNonNull(task, "task");
    }

    /** Runs a pass now, then every {@code every}. */
    public void start() {
        tick();
    }

    private void tick() {
        if (stopped) return;
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("{} failed: {}", name, e.toString());
        }
        if (!stopped) next = Optional.of(scheduler.schedule(every, this::tick));
    }

    @Override
    public void close() {
        stopped = true;
        next.ifPresent(Scheduler.Cancellable::cancel);
    }
}
