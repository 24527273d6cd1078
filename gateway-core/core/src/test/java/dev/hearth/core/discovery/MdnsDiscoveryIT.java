package dev.hearth.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.devices.CounterTally;
import dev.hearth.core.devices.InstalledDrivers;
import dev.hearth.testkit.Conditions;
import dev.hearth.testkit.PrivateNetwork;
import dev.hearth.driver.api.Announcement;
import dev.hearth.driver.api.DeviceDriver;
import dev.hearth.driver.api.DeviceSession;
import dev.hearth.driver.api.DeviceSink;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.DriverContext;
import dev.hearth.simulator.mdns.MdnsAdvertiser;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** MdnsDiscovery against a simulated announcement on loopback, inside the test's network namespace. */
class MdnsDiscoveryIT {
    private static final String NATIVE_TYPE = "_hearth._tcp.local.";

    /** Claims another service type, to show announcements only reach the drivers that claim their type. */
    static final class OtherDriver implements DeviceDriver {
        final List<Announcement> seen = new CopyOnWriteArrayList<>();
        @Override public String protocol() { return "other"; }
        @Override public Set<String> serviceTypes() { return Set.of("_other._tcp.local."); }
        @Override public Optional<DiscoveredDevice> recognize(Announcement a) { seen.add(a); return Optional.empty(); }
        @Override public void start(DriverContext context) { }
        @Override public DeviceSession open(DiscoveredDevice device, DeviceSink sink) { throw new UnsupportedOperationException(); }
        @Override public void stop() { }
    }

    @Test
    void turnsAnAnnouncementIntoADiscoveredDeviceForTheRightDriverAndAWithdrawalIntoAGoodbye() throws Exception {
        PrivateNetwork.require();
        InetAddress lo = PrivateNetwork.loopback("hearth-it");
        List<DeviceDriver> drivers = new ArrayList<>(InstalledDrivers.load(getClass().getClassLoader()));
        assertThat(drivers).extracting(DeviceDriver::protocol).contains("native");
        OtherDriver other = new OtherDriver();
        drivers.add(other);
        List<DiscoveredDevice> discovered = new CopyOnWriteArrayList<>();
        List<Announcement> announcements = new CopyOnWriteArrayList<>();
        List<String> goodbyes = new CopyOnWriteArrayList<>();
        DiscoveryListener listener = new DiscoveryListener() {
            @Override public void discovered(DiscoveredDevice device, Announcement a) { discovered.add(device); announcements.add(a); }
            @Override public void goodbye(String deviceId) { goodbyes.add(deviceId); }
        };
        CounterTally counters = new CounterTally();

        try (dev.hearth.driver.api.SystemScheduler timers = new dev.hearth.driver.api.SystemScheduler("mdns-it");
             MdnsDiscovery discovery = new MdnsDiscovery(new DiscoverySettings(List.of(lo), "hearth-gw", List.of()),
                drivers, listener, counters, timers);
             MdnsAdvertiser advertiser = MdnsAdvertiser.on(lo, "device-host")) {
            discovery.start();
            advertiser.announce(NATIVE_TYPE, "lamp-42", 7042, Map.of("id", "lamp-42", "model", "hearth.light.lamp1", "pv", "1"));

            Conditions.await("the lamp to be discovered", Duration.ofSeconds(20), () -> !discovered.isEmpty());

            DiscoveredDevice lamp = discovered.get(0);
            assertThat(lamp.deviceId()).isEqualTo("lamp-42");
            assertThat(lamp.protocol()).isEqualTo("native");
            assertThat(lamp.model()).isEqualTo("hearth.light.lamp1");
            assertThat(lamp.address().getPort()).isEqualTo(7042);
            assertThat(lamp.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            Announcement a = announcements.get(0);
            assertThat(a.serviceType()).isEqualTo(NATIVE_TYPE);
            assertThat(a.instanceName()).isEqualTo("lamp-42");
            assertThat(a.port()).isEqualTo(7042);
            assertThat(a.txt()).containsEntry("id", "lamp-42").containsEntry("pv", "1");
            assertThat(other.seen).isEmpty();

            advertiser.withdraw(NATIVE_TYPE, "lamp-42", 7042);

            Conditions.await("the lamp's goodbye", Duration.ofSeconds(25), () -> goodbyes.contains("lamp-42"), () -> goodbyes);
            assertThat(goodbyes).containsExactly("lamp-42");
        }
    }
}
