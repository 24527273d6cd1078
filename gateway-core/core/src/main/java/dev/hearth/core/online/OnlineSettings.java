package dev.hearth.core.online;

import java.time.Duration;
import java.util.Objects;

/**
 * Flap damping: when a device changes between ONLINE and OFFLINE {@code flapTransitions} times
 * within {@code flapWindow}, its published status is held for {@code holdTime}, marked damped,
 * and the live status is published when the hold ends.
 */
public record OnlineSettings(int flapTransitions, Duration flapWindow, Duration holdTime) {
    public OnlineSettings {
        if (flapTransitions < 2) throw new IllegalArgumentException("flapTransitions must be at least 2");
        Objects.requireNonNull(flapWindow, "flapWindow");
        Objects.requireNonNull(holdTime, "holdTime");
        if (flapWindow.isNegative() || flapWindow.isZero()) throw new IllegalArgumentException("flapWindow must be positive");
        if (holdTime.isNegative() || holdTime.isZero()) throw new IllegalArgumentException("holdTime must be positive");
    }

    /** Five changes within a minute hold the status for a minute. */
    public static OnlineSettings defaults() {
        return new OnlineSettings(5, Duration.ofMinutes(1), Duration.ofMinutes(1));
    }
}
