package dev.hearth.driver.nativeproto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.Announcement;
import dev.hearth.driver.api.DeviceDriver;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.model.Access;
import dev.hearth.driver.api.model.DataClass;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.driver.api.model.Privilege;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class NativeDriverTest {
    private final NativeDriver driver = new NativeDriver();

    private static InetAddress loopback() throws Exception {
        return InetAddress.getByAddress("dev", new byte[] {127, 0, 0, 1});
    }

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(DeviceDriver.class).stream().map(ServiceLoader.Provider::type))
                .contains(NativeDriver.class);
        assertThat(driver.protocol()).isEqualTo("native");
        assertThat(driver.serviceTypes()).containsExactly("_hearth._tcp.local.");
    }

    @Test
    void recognizesAnAnnouncementByItsTxt() throws Exception {
        Announcement a = new Announcement("_hearth._tcp.local.", "native-lamp-001", List.of(loopback()), 40123,
                Map.of("id", "native-lamp-001", "model", "hearth.light.lamp1", "pv", "1"));
        DiscoveredDevice d = driver.recognize(a).orElseThrow();
        assertThat(d.deviceId()).isEqualTo("native-lamp-001");
        assertThat(d.model()).isEqualTo("hearth.light.lamp1");
        assertThat(d.protocol()).isEqualTo("native");
        assertThat(d.address().getPort()).isEqualTo(40123);
        assertThat(d.attributes()).containsEntry("protocolVersion", "1");
    }

    @Test
    void oddAnnouncementsAreNotDevices() throws Exception {
        List<InetAddress> addr = List.of(loopback());
        assertThat(driver.recognize(new Announcement("_hearth._tcp.local.", "x", addr, 1, Map.of("model", "m")))).isEmpty();
        assertThat(driver.recognize(new Announcement("_hearth._tcp.local.", "x", addr, 1, Map.of("id", " ", "model", "m")))).isEmpty();
        assertThat(driver.recognize(new Announcement("_hearth._tcp.local.", "x", addr, 0, Map.of("id", "a", "model", "m")))).isEmpty();
        assertThat(driver.recognize(new Announcement("_hearth._tcp.local.", "x", List.of(), 1, Map.of("id", "a", "model", "m")))).isEmpty();
        assertThat(driver.recognize(new Announcement("_miio._udp.local.", "x", addr, 1, Map.of("id", "a", "model", "m")))).isEmpty();
    }

    @Test
    void shipsTheFiveModelsWithDeviceInfoAndPrivacyClasses() {
        ModelCatalog catalog = ModelCatalog.fromClasspath(getClass().getClassLoader());
        List<String> ids = List.of("hearth.light.lamp1", "hearth.plug.v1", "hearth.sensor.th1", "hearth.lock.v1", "hearth.vacuum.v1");
        for (String id : ids) {
            DeviceModel m = catalog.find(id).orElseThrow();
            assertThat(m.protocol()).isEqualTo("native");
            assertThat(m.property("1.1").orElseThrow().property().dataClass()).isEqualTo(DataClass.PERSONAL);
            assertThat(m.property("1.2").orElseThrow().property().dataClass()).isEqualTo(DataClass.PERSONAL);
            assertThat(m.property("1.3").orElseThrow().property().dataClass()).isEqualTo(DataClass.DIAGNOSTIC);
            assertThat(m.property("1.4").orElseThrow().property().dataClass()).isEqualTo(DataClass.DIAGNOSTIC);
        }
        DeviceModel lamp = catalog.find("hearth.light.lamp1").orElseThrow();
        assertThat(lamp.property("2.2").orElseThrow().property().range().orElseThrow().max()).isEqualTo(100);
        assertThat(lamp.property("2.3").orElseThrow().property().access()).contains(Access.WRITE);
        DeviceModel lock = catalog.find("hearth.lock.v1").orElseThrow();
        assertThat(lock.action("2.2").orElseThrow().action().required()).isEqualTo(Privilege.MANAGE);
        assertThat(lock.event("2.1").orElseThrow().event().args()).extracting(a -> a.name() + ":" + a.dataClass())
                .containsExactly("user:PERSONAL", "method:TELEMETRY");
        DeviceModel vacuum = catalog.find("hearth.vacuum.v1").orElseThrow();
        assertThat(vacuum.property("2.3").orElseThrow().property().dataClass()).isEqualTo(DataClass.PERSONAL);
        assertThat(vacuum.property("2.4").orElseThrow().property().dataClass()).isEqualTo(DataClass.PERSONAL);
    }
}
