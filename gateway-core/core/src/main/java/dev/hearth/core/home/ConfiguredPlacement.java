package dev.hearth.core.home;

import dev.hearth.core.registry.Registry;
import dev.hearth.core.registry.RegistryChange;
import dev.hearth.core.registry.RegistryListener;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a device configured by hand (the config's {@code devices:}) its configured name and room
 * the first time the registry records it. After that the home's own edits (API, cloud commands)
 * win: a restart does not move a device back. A room is found by name, ignoring case and spacing
 * as room names are compared everywhere, and created when the home has none of that name.
 */
public final class ConfiguredPlacement implements RegistryListener {
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredPlacement.class);

    /** A configured device's name and room, either of which may be absent. */
    public record Placement(Optional<String> name, Optional<String> room) {
        public Placement {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(room, "room");
        }
    }

    private final Map<String, Placement> byDevice;
    private final Registry registry;
    private final RoomBook rooms;

    public ConfiguredPlacement(Map<String, Placement> byDevice, Registry registry, RoomBook rooms) {
        this.byDevice = Map.copyOf(byDevice);
        this.registry = Objects.requireNonNull(registry, "registry");
        this.rooms = Objects.requireNonNull(rooms, "rooms");
    }

    @Override
    public void changed(RegistryChange change) {
        if (!(change instanceof RegistryChange.DeviceAdded added)) return;
        String id = added.deviceId();
        Placement p = byDevice.get(id);
        if (p == null) return;
        try {
            p.name().ifPresent(name -> registry.rename(id, name));
        } catch (IllegalArgumentException e) {
            LOG.warn("device {}: configured name not used: {}", id, e.getMessage());
        }
        p.room().flatMap(this::roomNamed).ifPresent(roomId -> registry.assign(id, Optional.of(roomId)));
    }

    private Optional<String> roomNamed(String name) {
        String key = DisplayNames.key(name);
        Optional<Room> existing = rooms.list().stream().filter(r -> DisplayNames.key(r.name()).equals(key)).findFirst();
        if (existing.isPresent()) return Optional.of(existing.get().id());
        RoomResult created = rooms.create(name);
        if (created instanceof RoomResult.Done done) return Optional.of(done.room().id());
        LOG.warn("configured room \"{}\" not created: {}", name, ((RoomResult.Refused) created).reason());
        return Optional.empty();
    }
}
