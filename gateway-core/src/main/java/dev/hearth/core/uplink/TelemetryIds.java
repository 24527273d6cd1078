package dev.hearth.core.uplink;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Telemetry ids: unique per gateway and increasing, also across restarts, so the cloud can
 * de-duplicate at-least-once deliveries by id. Derived from the clock (microseconds since the
 * epoch) and never smaller than the last id given: a restart starts above every earlier id as
 * long as the clock did not go back by more than the time the gateway was down.
 */
final class TelemetryIds {
    private final Clock clock;
    private final AtomicLong last = new AtomicLong();

    TelemetryIds(Clock clock) {
        this.clock = clock;
    }

    long next() {
        long now = clock.millis() * 1000;
        return last.updateAndGet(prev -> Math.max(prev + 1, now));
    }
}
