package dev.hearth.core.http;

import dev.hearth.driver.api.Scheduler;
import java.time.Duration;
import java.util.Objects;

/**
 * An event without data ("the inbox changed: reload it"), published (to the {@link EventStream})
 * at most once per {@code interval}: the first change goes at once, later ones within the interval become
 * one trailing event at its end. A flood of 100,000 announcements reloads a page a few times, not
 * 100,000 times. Thread-safe; {@link #changed} never blocks.
 */
public final class CoalescedEvent {
    private final Runnable publish;
    private final Scheduler scheduler;
    private final Duration interval;
    private boolean windowOpen;
    private boolean pending;

    public CoalescedEvent(Runnable publish, Scheduler scheduler, Duration interval) {
        this.publish = Objects.requireNonNull(publish, "publish");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    public void changed() {
        synchronized (this) {
            if (windowOpen) {
                pending = true;
                return;
            }
            windowOpen = true;
        }
        publish.run();
        scheduler.schedule(interval, this::windowEnds);
    }

    private void windowEnds() {
        synchronized (this) {
            windowOpen = false;
            if (!pending) return;
            pending = false;
        }
        changed();
    }
}
