package dev.hearth.driver.api;

import dev.hearth.driver.api.model.ModelCatalog;
import java.time.Clock;
import java.util.Objects;

/**
 * What the core gives a driver when it starts: time, timers, secrets, models, settings, counters,
 * and the small per-device state the core keeps for it across restarts.
 */
public record DriverContext(Clock clock, Scheduler scheduler, SecretStore secrets, ModelCatalog models,
                            DriverSettings settings, DriverCounters counters, DriverState state) {
    public DriverContext {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(state, "state");
    }
}
