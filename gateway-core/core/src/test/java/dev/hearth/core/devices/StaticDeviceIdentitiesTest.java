package dev.hearth.core.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.config.DeviceAddress;
import dev.hearth.config.HearthConfig;
import dev.hearth.config.StaticDevice;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Issue 14, defect 2: one identity per configured device, with the drivers on the class path. */
class StaticDeviceIdentitiesTest {
    private static final HearthConfig BASE = HearthConfig.defaults("h1", "gw-1", "u1");

    private static StaticDevice miio(String id, String host) {
        return new StaticDevice(id, "miio", "zhimi.fan.sa1", new DeviceAddress(host, OptionalInt.empty()), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    private static StaticDeviceIdentities.Checked check(StaticDevice... devices) {
        return StaticDeviceIdentities.check(BASE.withDevices(List.of(devices)),
                InstalledDrivers.load(StaticDeviceIdentitiesTest.class.getClassLoader()));
    }

    @Test
    void aMiioEntryWithTheBareDidHasTheIdDiscoveryGivesTheDevice() {
        StaticDeviceIdentities.Checked c = check(miio("1718865432", "127.0.0.5"), miio("fan-2", "127.0.0.6"));
        assertThat(c.problems()).isEmpty();
        assertThat(c.config().devices()).extracting(StaticDevice::id).containsExactly("miio-1718865432", "fan-2");
    }

    @Test
    void theBareDidAndTheFullIdAreOneDeviceAndTheGatewayKeepsTheFirstEntry() {
        StaticDeviceIdentities.Checked c = check(miio("1718865432", "127.0.0.5"), miio("miio-1718865432", "127.0.0.6"));
        assertThat(c.config().devices()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo("miio-1718865432");
            assertThat(d.address().host()).isEqualTo("127.0.0.5");
        });
        assertThat(c.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("devices[1].id");
            assertThat(p.message()).contains("\"1718865432\" (devices[0])", "\"miio-1718865432\"", "one device");
        });
    }

    @Test
    void aSecondEntryForTheSameAddressIsAProblemNamingBoth() {
        StaticDeviceIdentities.Checked c = check(miio("fan-1", "127.0.0.5"), miio("fan-2", "127.0.0.5"));
        assertThat(c.config().devices()).extracting(StaticDevice::id).containsExactly("fan-1");
        assertThat(c.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("devices[1].address");
            assertThat(p.message()).contains("\"fan-1\" (devices[0])", "\"fan-2\"", "one address");
        });
    }

    @Test
    void aProblemPointsAtTheEntryWhereTheFileWroteIt() {
        StaticDevice first = new StaticDevice("fan-1", "miio", "zhimi.fan.sa1", new DeviceAddress("127.0.0.5", OptionalInt.empty()),
                Optional.empty(), Optional.empty(), Optional.empty(), "devices.static[0]");
        StaticDevice second = new StaticDevice("miio-1718865432", "miio", "zhimi.fan.sa1", new DeviceAddress("127.0.0.5", OptionalInt.empty()),
                Optional.empty(), Optional.empty(), Optional.empty(), "devices.static[3]");
        StaticDeviceIdentities.Checked c = check(first, second);
        assertThat(c.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("devices.static[3].address");
            assertThat(p.message()).contains("\"fan-1\" (devices.static[0])");
        });
    }
}
