package dev.hearth.core.home;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.registry.DeviceRecord;
import dev.hearth.core.registry.Registry;
import dev.hearth.core.storage.Database;
import dev.hearth.testkit.ManualClock;
import dev.hearth.testkit.ManualScheduler;
import dev.hearth.driver.api.DiscoveredDevice;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfiguredPlacementTest {
    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    @TempDir Path dir;

    private static DiscoveredDevice device(String id) throws Exception {
        return new DiscoveredDevice(id, "native", "hearth.light.lamp1",
                new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 7001), Map.of());
    }

    @Test
    void aConfiguredDeviceGetsItsNameAndRoomOnFirstSightOnly() throws Exception {
        try (Database db = Database.open(dir.resolve("hearth.db"))) {
            Registry registry = new Registry(db, clock, scheduler, Duration.ofSeconds(2));
            RoomBook rooms = RoomBook.open(db, registry, new CountingIds("r_"));
            String kitchen = ((RoomResult.Done) rooms.create("Kitchen")).room().id();
            registry.addListener(new ConfiguredPlacement(Map.of(
                    "lamp-1", new ConfiguredPlacement.Placement(Optional.of("Desk lamp"), Optional.of("  kitchen ")),
                    "lamp-2", new ConfiguredPlacement.Placement(Optional.empty(), Optional.of("Hall"))), registry, rooms));

            registry.recordDiscovery(device("lamp-1"));
            registry.recordDiscovery(device("lamp-2"));
            registry.recordDiscovery(device("lamp-3"));

            DeviceRecord one = registry.find("lamp-1").orElseThrow();
            assertThat(one.name()).isEqualTo("Desk lamp");
            assertThat(one.roomId()).contains(kitchen); // the existing room, matched by name
            String hall = registry.find("lamp-2").orElseThrow().roomId().orElseThrow();
            assertThat(rooms.find(hall).map(Room::name)).contains("Hall"); // created
            assertThat(registry.find("lamp-3").orElseThrow().roomId()).isEmpty();

            // the home moves and renames it; seeing it again does not undo that
            registry.assign("lamp-1", Optional.empty());
            registry.rename("lamp-1", "Reading lamp");
            registry.recordDiscovery(device("lamp-1"));
            assertThat(registry.find("lamp-1").orElseThrow().name()).isEqualTo("Reading lamp");
            assertThat(registry.find("lamp-1").orElseThrow().roomId()).isEmpty();
            assertThat(rooms.list()).hasSize(2);
        }
    }
}
