package dev.hearth.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.core.online.Availability;
import dev.hearth.core.online.OnlineStatus;
import dev.hearth.core.storage.Database;
import dev.hearth.testkit.ManualClock;
import dev.hearth.testkit.ManualScheduler;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.OfflineReason;
import dev.hearth.driver.api.value.Value;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTest {
    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    @TempDir Path dir;

    private static DiscoveredDevice lamp(int port) throws Exception {
        return new DiscoveredDevice("lamp-1", "native", "hearth.light.lamp1",
                new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), Map.of());
    }

    private Registry open() {
        return new Registry(Database.open(dir.resolve("hearth.db")), clock, scheduler, Duration.ofSeconds(2));
    }

    @Test
    void keepsRecordsNamesRoomsStateAndAvailabilityAcrossAReopen() throws Exception {
        Map<String, Value> state = Map.of("2.1", Value.of(true), "2.2", Value.of(42), "3.1", Value.of(21.5),
                "x", new Value.Struct(Map.of("ssid", Value.of("home"), "list", new Value.Array(List.of(Value.of(1), Value.of(2.0))))));
        try (Database db = Database.open(dir.resolve("hearth.db"))) {
            Registry registry = new Registry(db, clock, scheduler, Duration.ofSeconds(2));
            registry.recordDiscovery(lamp(7001));
            registry.rename("lamp-1", "Bedroom lamp");
            registry.assign("lamp-1", Optional.of("bedroom"));
            registry.stateReported("lamp-1", state, clock.instant());
            registry.availabilityChanged(new Availability("lamp-1", OnlineStatus.OFFLINE,
                    Optional.of(OfflineReason.GATEWAY_STOPPING), "gateway stopping", clock.instant(), 7, false));
            registry.close();
        }

        try (Database db = Database.open(dir.resolve("hearth.db"))) {
            Registry again = new Registry(db, clock, scheduler, Duration.ofSeconds(2));
            DeviceRecord d = again.find("lamp-1").orElseThrow();
            assertThat(d.name()).isEqualTo("Bedroom lamp");
            assertThat(d.roomId()).contains("bedroom");
            assertThat(again.roomOf("lamp-1")).contains("bedroom");
            assertThat(d.protocol()).isEqualTo("native");
            assertThat(d.model()).isEqualTo("hearth.light.lamp1");
            assertThat(d.address().getPort()).isEqualTo(7001);
            assertThat(d.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(d.state()).isEqualTo(state);
            assertThat(d.availability().session()).isEqualTo(7);
            assertThat(d.availability().reason()).contains(OfflineReason.GATEWAY_STOPPING);
            again.close();
        }
    }

    @Test
    void coalescesStateAndWritesItAtTheNextFlushNotBefore() throws Exception {
        Registry registry = open();
        registry.recordDiscovery(lamp(7001));
        for (int i = 0; i < 100; i++) {
            registry.stateReported("lamp-1", Map.of("2.2", Value.of(i)), clock.instant());
        }
        assertThat(readBack().find("lamp-1").orElseThrow().state()).isEmpty();

        scheduler.advance(Duration.ofSeconds(2));

        assertThat(readBack().find("lamp-1").orElseThrow().state()).containsEntry("2.2", Value.of(99));
        assertThat(scheduler.pending()).isEqualTo(1); // the next flush
        registry.close();
        assertThat(scheduler.pending()).isZero();
    }

    private Registry readBack() {
        return new Registry(Database.open(dir.resolve("hearth.db")), clock, new ManualScheduler(clock), Duration.ofSeconds(1));
    }

    @Test
    void tellsListenersOfAddsUpdatesStateChangesAndRemovals() throws Exception {
        Registry registry = open();
        List<RegistryChange> changes = new ArrayList<>();
        registry.addListener(changes::add);

        registry.recordDiscovery(lamp(7001));
        registry.recordDiscovery(lamp(7001));      // same announcement again: nothing to tell
        registry.recordDiscovery(lamp(7002));      // an announcement elsewhere: proves nothing, changes nothing
        registry.recordAddress("lamp-1", lamp(7002).address()); // authenticated there: moved
        registry.stateReported("lamp-1", Map.of("2.1", Value.of(true), "2.2", Value.of(5)), clock.instant());
        registry.stateReported("lamp-1", Map.of("2.1", Value.of(true), "2.2", Value.of(6)), clock.instant());
        registry.rename("lamp-1", "Lamp");
        registry.remove("lamp-1");

        assertThat(changes).extracting(c -> c.getClass().getSimpleName()).containsExactly(
                "DeviceAdded", "DeviceUpdated", "StateChanged", "StateChanged", "DeviceUpdated", "DeviceRemoved");
        assertThat(((RegistryChange.StateChanged) changes.get(3)).changed()).containsOnlyKeys("2.2");
        assertThat(registry.exists("lamp-1")).isFalse();
        assertThat(readBack().exists("lamp-1")).isFalse();
        registry.close();
    }

    @Test
    void refusesToRenameOrAssignAnUnknownDeviceOrToUseABlankName() throws Exception {
        Registry registry = open();
        registry.recordDiscovery(lamp(7001));
        assertThatThrownBy(() -> registry.rename("nope", "x")).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> registry.assign("nope", Optional.empty())).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> registry.rename("lamp-1", " ")).isInstanceOf(IllegalArgumentException.class);
        registry.assign("lamp-1", Optional.of("kitchen"));
        registry.assign("lamp-1", Optional.empty());
        assertThat(registry.roomOf("lamp-1")).isEmpty();
        assertThat(registry.exists("nope")).isFalse();
        registry.close();
    }

    @Test
    void ignoresStateOfADeviceItDoesNotKnow() {
        Registry registry = open();
        registry.stateReported("ghost", Map.of("2.1", Value.of(true)), clock.instant());
        assertThat(registry.all()).isEmpty();
        registry.close();
    }
}
