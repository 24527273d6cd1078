package dev.hearth.core.discovery;

import dev.hearth.driver.api.DiscoveredDevice;
import java.time.Instant;
import java.util.Objects;

/** A discovered device that is not adopted: its latest announcement, when seen, and why it waits. */
public record InboxEntry(DiscoveredDevice device, Instant firstSeen, Instant lastSeen, PendingReason reason,
                         String detail) {
    public InboxEntry {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    public String deviceId() {
        return device.deviceId();
    }
}
