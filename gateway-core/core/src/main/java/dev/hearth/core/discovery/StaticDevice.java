package dev.hearth.core.discovery;

import dev.hearth.driver.api.DiscoveredDevice;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;

/** A device configured by hand, for networks mDNS does not reach. */
public record StaticDevice(String protocol, String deviceId, String model, InetSocketAddress address) {
    public StaticDevice {
        Objects.requireNonNull(protocol, "protocol");
        if (deviceId == null || deviceId.isBlank()) throw new IllegalArgumentException("deviceId must not be blank");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(address, "address");
    }

    public DiscoveredDevice toDiscovered() {
        return new DiscoveredDevice(deviceId, protocol, model, address, Map.of("source", "static"));
    }
}
