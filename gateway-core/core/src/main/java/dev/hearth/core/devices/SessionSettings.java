package dev.hearth.core.devices;

import java.time.Duration;
import java.util.Objects;

/**
 * How the session table treats what it cannot take on trust (DESIGN.md section 5).
 *
 * @param claimTimeout  how long a device announced at a new address has to authenticate there
 *                      before the claim is dropped (the adopted session is kept meanwhile)
 * @param goodbyeWindow after an mDNS goodbye, how long the device's own liveness check may take;
 *                      an OFFLINE within it is reported as MDNS_GOODBYE
 * @param refusedRetry  how long an adopted device whose own address refused its key waits before
 *                      its session tries again (it stays adopted, its status unchanged)
 * @param claimMemory   how long an address that failed to authenticate, or that collided, is not
 *                      tried again for the same device
 */
public record SessionSettings(Duration claimTimeout, Duration goodbyeWindow, Duration refusedRetry, Duration claimMemory) {
    public SessionSettings {
        positive(claimTimeout, "claimTimeout");
        positive(goodbyeWindow, "goodbyeWindow");
        positive(refusedRetry, "refusedRetry");
        positive(claimMemory, "claimMemory");
    }

    /** 30 s to authenticate at a new address, 30 s goodbye window, 60 s between refused retries, 10 min memory. */
    public static SessionSettings defaults() {
        return new SessionSettings(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(10));
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive");
    }
}
