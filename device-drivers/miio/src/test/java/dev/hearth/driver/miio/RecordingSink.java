package dev.hearth.driver.miio;

import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.DeviceSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Records a session's events; tests wait on a condition with a deadline (no sleeping). */
final class RecordingSink implements DeviceSink {
    private final List<DeviceEvent> events = new ArrayList<>();

    @Override
    public synchronized void accept(DeviceEvent event) {
        events.add(event);
        notifyAll();
    }

    synchronized List<DeviceEvent> events() {
        return List.copyOf(events);
    }

    /** Waits until some event matches, and returns it; fails after {@code timeout}. */
    synchronized <T extends DeviceEvent> T await(Class<T> type, Predicate<T> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (DeviceEvent e : events) {
                if (type.isInstance(e) && condition.test(type.cast(e))) return type.cast(e);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) throw new AssertionError("no " + type.getSimpleName() + " as expected within " + timeout + "; got " + events);
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
