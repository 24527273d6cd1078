package dev.hearth.config;

import java.time.Duration;

/**
 * A device that changes online status {@code transitions} times within {@code window} is held in its
 * last reported status for {@code hold} before the next change is reported.
 */
public record FlapDamping(int transitions, Duration window, Duration hold) {
    public FlapDamping {
        Checks.atLeast(transitions, 2, "transitions");
        Checks.positive(window, "window");
        Checks.positive(hold, "hold");
    }

    public static FlapDamping defaults() {
        return new FlapDamping(5, Duration.ofSeconds(60), Duration.ofSeconds(120));
    }
}
