package dev.hearth.driver.api;

/**
 * Counters a driver increments for the gateway's metrics, e.g. {@code malformed_frames} with
 * reason {@code oversized}, or {@code refused_devices} with reason {@code bad_proof}. The core
 * prefixes names with {@code hearth_} and tags them with the driver's protocol.
 */
@FunctionalInterface
public interface DriverCounters {
    void increment(String counter, String reason);

    DriverCounters NONE = (counter, reason) -> { };
}
