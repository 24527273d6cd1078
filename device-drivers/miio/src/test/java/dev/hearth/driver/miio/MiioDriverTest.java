package dev.hearth.driver.miio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.driver.api.Announcement;
import dev.hearth.driver.api.DeviceDriver;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.model.DataClass;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.ModelCatalog;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class MiioDriverTest {
    final MiioDriver driver = new MiioDriver();

    static InetAddress ip(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    }

    @Test
    void isFoundByServiceLoaderAndClaimsMiio() {
        assertThat(ServiceLoader.load(DeviceDriver.class).stream().map(ServiceLoader.Provider::type))
                .contains(MiioDriver.class);
        assertThat(driver.protocol()).isEqualTo("miio");
        assertThat(driver.serviceTypes()).containsExactly("_miio._udp.local.");
    }

    @Test
    void recognisesARealLookingAnnouncement() throws Exception {
        var a = new Announcement("_miio._udp.local.", "zhimi-fan-sa1_miio1718865432", List.of(ip(7)), 54321,
                Map.of("epoch", "1", "mac", "6490C1AABBCC"));
        DiscoveredDevice d = driver.recognize(a).orElseThrow();
        assertThat(d.deviceId()).isEqualTo("miio-1718865432");
        assertThat(d.model()).isEqualTo("zhimi.fan.sa1");
        assertThat(d.address()).isEqualTo(new InetSocketAddress(ip(7), 54321));
        assertThat(d.attributes()).containsEntry("did", "1718865432").containsEntry("mac", "64:90:c1:aa:bb:cc")
                .containsEntry("epoch", "1");
    }

    @Test
    void toleratesOddTxtAndRejectsWhatIsNotAMiioDevice() throws Exception {
        var odd = new Announcement("_miio._udp.local.", "cuco-plug-v3_miio42", List.of(ip(8)), 0,
                Map.of("mac", "not a mac", "epoch", "x".repeat(100), "junk", ""));
        DiscoveredDevice d = driver.recognize(odd).orElseThrow();
        assertThat(d.attributes()).containsOnlyKeys("did");
        assertThat(d.address().getPort()).isEqualTo(54321);
        assertThat(driver.recognize(new Announcement("_hearth._tcp.local.", "cuco-plug-v3_miio42", List.of(ip(8)), 1, Map.of()))).isEmpty();
        assertThat(driver.recognize(new Announcement("_miio._udp.local.", "my printer", List.of(ip(8)), 1, Map.of()))).isEmpty();
        assertThat(driver.recognize(new Announcement("_miio._udp.local.", "cuco-plug-v3_miio99999999999", List.of(ip(8)), 1, Map.of()))).isEmpty();
        assertThat(driver.recognize(new Announcement("_miio._udp.local.", "cuco-plug-v3_miio0", List.of(ip(8)), 1, Map.of()))).isEmpty();
        assertThat(driver.recognize(new Announcement("_miio._udp.local.", "cuco-plug-v3_miio5", List.of(), 1, Map.of()))).isEmpty();
    }

    @Test
    void instanceNamesRoundTrip() {
        MiioInstanceName n = MiioInstanceName.parse("zhimi-fan-sa1_miio1718865432").orElseThrow();
        assertThat(n).isEqualTo(new MiioInstanceName("zhimi.fan.sa1", 1718865432L));
        assertThat(n.format()).isEqualTo("zhimi-fan-sa1_miio1718865432");
    }

    @Test
    void modelsLoadAndClassifyMiioInfoFields() {
        ModelCatalog models = ModelCatalog.fromClasspath(getClass().getClassLoader());
        for (String id : List.of("zhimi.fan.sa1", "cuco.plug.v3")) {
            DeviceModel m = models.find(id).orElseThrow();
            assertThat(m.protocol()).isEqualTo("miio");
            assertThat(m.property("token").orElseThrow().property().dataClass()).isEqualTo(DataClass.SECRET);
            for (String personal : List.of("ap.ssid", "ap.bssid", "netif.localIp", "mac")) {
                assertThat(m.property(personal).orElseThrow().property().dataClass()).as(personal).isEqualTo(DataClass.PERSONAL);
            }
            for (String diagnostic : List.of("fw_ver", "hw_ver", "ap.rssi")) {
                assertThat(m.property(diagnostic).orElseThrow().property().dataClass()).as(diagnostic).isEqualTo(DataClass.DIAGNOSTIC);
            }
        }
        assertThat(models.find("zhimi.fan.sa1").orElseThrow().option("miio.api")).contains("legacy");
        assertThat(models.find("cuco.plug.v3").orElseThrow().option("miio.api")).contains("miot");
    }

    @Test
    void badOptionsAreClearErrors() {
        assertThatThrownBy(() -> MiioOptions.from(Map.of("miio.pollInterval", "soon")))
                .hasMessageContaining("miio.pollInterval must be a duration");
        assertThatThrownBy(() -> MiioOptions.from(Map.of("miio.pings", "0"))).hasMessageContaining("miio.pings");
        assertThat(MiioOptions.from(Map.of("miio.pollInterval", "250")).pollInterval().toMillis()).isEqualTo(250);
        assertThat(MiioOptions.defaults().pollInterval().toSeconds()).isEqualTo(10);
    }

    @Test
    void requestIdsWrapAt9999AndSkipIdsInFlight() {
        RequestTracker t = new RequestTracker(2, 10);
        RpcCall call = RpcCall.query("miIO.info", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode());
        RequestTracker.Pending held = null;
        for (int i = 1; i <= RequestTracker.MAX_ID; i++) {
            t.submit(call, 1);
            RequestTracker.Pending p = t.nextToSend().orElseThrow();
            assertThat(p.id).isEqualTo(i);
            if (i == 1) held = p; else t.answered(p.id);
        }
        t.submit(call, 1);
        assertThat(t.nextToSend().orElseThrow().id).isEqualTo(2); // 1 is still in flight
        assertThat(held.id).isEqualTo(1);
    }

    @Test
    void queueBeyondItsBoundIsBusy() {
        RequestTracker t = new RequestTracker(1, 1);
        RpcCall call = RpcCall.query("get_prop", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode());
        t.submit(call, 1);
        assertThat(t.submit(call, 1).result).isCompletedExceptionally();
    }
}
