package dev.hearth.driver.nativeproto;

import dev.hearth.driver.api.Backoff;
import dev.hearth.driver.api.DriverCounters;
import dev.hearth.driver.api.Scheduler;
import dev.hearth.driver.api.SecretStore;
import dev.hearth.driver.api.model.ModelCatalog;
import java.time.Clock;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * What every session and connection of one driver shares: time, timers, secrets, models,
 * counters, options, the reconnect backoff with its source of jitter, and a source of fresh
 * challenge nonces.
 */
record LinkEnvironment(Clock clock, Scheduler scheduler, SecretStore secrets, ModelCatalog models,
                       DriverCounters counters, NativeOptions options, int heartbeatMisses,
                       Backoff backoff, DoubleSupplier jitter, Supplier<byte[]> nonces) {
    LinkEnvironment {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(options, "options");
        if (heartbeatMisses < 1) throw new IllegalArgumentException("heartbeatMisses must be at least 1");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(nonces, "nonces");
    }
}
