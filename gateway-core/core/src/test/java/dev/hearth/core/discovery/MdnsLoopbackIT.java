package dev.hearth.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testkit.PrivateNetwork;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import org.junit.jupiter.api.Test;

/** Proves mDNS works on loopback inside the test namespace: one JmDNS announces, another resolves. */
class MdnsLoopbackIT {
    private static final String TYPE = "_hearth._tcp.local.";

    @Test
    void resolvesAServiceAnnouncedOnLoopbackWithHostPortAndTxt() throws Exception {
        PrivateNetwork.require();
        InetAddress lo = PrivateNetwork.loopback("hearth-it");
        try (JmDNS advertiser = JmDNS.create(lo, "device-host");
             JmDNS browser = JmDNS.create(lo, "gateway-host")) {
            CompletableFuture<ServiceInfo> resolved = new CompletableFuture<>();
            browser.addServiceListener(TYPE, new ServiceListener() {
                @Override public void serviceAdded(ServiceEvent e) {
                    browser.requestServiceInfo(e.getType(), e.getName(), 1);
                }
                @Override public void serviceRemoved(ServiceEvent e) { }
                @Override public void serviceResolved(ServiceEvent e) {
                    // jmdns resolves twice, the first time with an empty TXT: wait for ours.
                    if (e.getInfo().getPropertyString("id") != null) resolved.complete(e.getInfo());
                }
            });
            advertiser.registerService(ServiceInfo.create(TYPE, "lamp-42", 7042, 0, 0,
                    Map.of("id", "lamp-42", "model", "hearth.light.lamp1", "pv", "1")));

            ServiceInfo info = resolved.get(30, TimeUnit.SECONDS);

            assertThat(info.getName()).isEqualTo("lamp-42");
            assertThat(info.getPort()).isEqualTo(7042);
            assertThat(info.getInet4Addresses()).extracting(InetAddress::getHostAddress).contains("127.0.0.1");
            assertThat(info.getServer()).startsWith("device-host");
            assertThat(info.getPropertyString("id")).isEqualTo("lamp-42");
            assertThat(info.getPropertyString("model")).isEqualTo("hearth.light.lamp1");
            assertThat(info.getPropertyString("pv")).isEqualTo("1");
        }
    }
}
