package dev.hearth.core.registry;

import dev.hearth.core.online.Availability;
import dev.hearth.driver.api.value.Value;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gateway knows of one adopted device. Immutable; the {@link Registry} replaces it.
 *
 * @param state the last reported value of every property key, in first-report order
 */
public record DeviceRecord(String id, String protocol, String model, String name, Optional<String> roomId,
                           InetSocketAddress address, Instant firstSeen, Instant lastSeen,
                           Map<String, Value> state, Availability availability) {
    public DeviceRecord {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("id must not be blank");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(model, "model");
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name must not be blank");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        state = Collections.unmodifiableMap(new LinkedHashMap<>(state));
        Objects.requireNonNull(availability, "availability");
        if (!availability.deviceId().equals(id)) throw new IllegalArgumentException("availability of another device");
    }

    DeviceRecord withName(String n) {
        return new DeviceRecord(id, protocol, model, n, roomId, address, firstSeen, lastSeen, state, availability);
    }

    DeviceRecord withRoom(Optional<String> r) {
        return new DeviceRecord(id, protocol, model, name, r, address, firstSeen, lastSeen, state, availability);
    }

    DeviceRecord withState(Map<String, Value> s, Instant seen) {
        return new DeviceRecord(id, protocol, model, name, roomId, address, firstSeen, seen, s, availability);
    }

    DeviceRecord withAvailability(Availability a) {
        Instant seen = a.online() && a.since().isAfter(lastSeen) ? a.since() : lastSeen;
        return new DeviceRecord(id, protocol, model, name, roomId, address, firstSeen, seen, state, a);
    }

    DeviceRecord withDiscovery(String newModel, InetSocketAddress newAddress, Instant seen) {
        return new DeviceRecord(id, protocol, newModel, name, roomId, newAddress, firstSeen,
                seen.isAfter(lastSeen) ? seen : lastSeen, state, availability);
    }
}
