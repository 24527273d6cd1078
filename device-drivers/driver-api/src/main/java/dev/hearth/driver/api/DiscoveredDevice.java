package dev.hearth.driver.api;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;

/**
 * A device a driver recognised, from an announcement or a static config entry: enough to open a
 * session. {@code attributes} are protocol details worth showing in the discovery inbox (never
 * secrets).
 */
public record DiscoveredDevice(String deviceId, String protocol, String model, InetSocketAddress address,
                               Map<String, String> attributes) {
    public DiscoveredDevice {
        if (deviceId == null || deviceId.isBlank()) throw new IllegalArgumentException("deviceId must not be blank");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(address, "address");
        attributes = Map.copyOf(attributes);
    }
}
