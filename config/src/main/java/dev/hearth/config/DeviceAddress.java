package dev.hearth.config;

import java.util.OptionalInt;

/**
 * Where a statically configured device listens: an IPv4 address or host name, and a port when the
 * protocol has no fixed one (miIO always uses 54321, so its entries may omit it).
 */
public record DeviceAddress(String host, OptionalInt port) {
    public DeviceAddress {
        Checks.notBlank(host, "host");
        if (port.isPresent() && (port.getAsInt() < 1 || port.getAsInt() > 65535)) {
            throw new IllegalArgumentException("port out of range");
        }
    }

    @Override
    public String toString() {
        return port.isPresent() ? host + ":" + port.getAsInt() : host;
    }
}
