package dev.hearth.core.devices;

import dev.hearth.driver.api.DeviceSession;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One adopted device in the session table: the session it trusts ({@link #main}, at the address
 * the device last authenticated at), at most one {@link #claim} (a session opened at an address an
 * announcement named, which replaces the main one only once it authenticated while the main one
 * is down), and what the table remembers of unproven claims. Mutated under the table's lock.
 */
final class DeviceSlot {
    /** One session opened through the driver, and the device (address, model) it was opened for. */
    static final class Link {
        final DiscoveredDevice device;
        volatile DeviceSession session;

        Link(DiscoveredDevice device) {
            this.device = device;
        }

        /** Closes the session, if it was opened; a failing close is logged, never thrown. */
        void close() {
            DeviceSession s = session;
            if (s == null) return;
            try {
                s.close();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(DeviceSlot.class).warn("device {}: closing the session failed: {}",
                        device.deviceId(), e.toString());
            }
        }
    }

    final String id;
    final ClaimMemory claims;
    /** Where the device's events wait for a worker, in order (shared by its main session and its claim). */
    final DeviceEventLanes.Lane lane;
    volatile Link main;
    Link claim;
    Scheduler.Cancellable claimDeadline = () -> { };
    Scheduler.Cancellable retry = () -> { };
    /** Until when an OFFLINE counts as the outcome of an mDNS goodbye. */
    volatile Optional<Instant> goodbyeUntil = Optional.empty();
    volatile boolean refusalLogged;

    DeviceSlot(DiscoveredDevice device, Duration claimMemory, DeviceEventLanes.Lane lane) {
        this.lane = lane;
        this.id = device.deviceId();
        this.main = new Link(device);
        this.claims = new ClaimMemory(claimMemory);
    }

    DiscoveredDevice device() {
        return main.device;
    }
}
