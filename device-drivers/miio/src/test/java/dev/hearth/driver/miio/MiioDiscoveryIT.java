package dev.hearth.driver.miio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.Announcement;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.simulator.miio.MiioFleet;
import dev.hearth.simulator.miio.SimulatedMiioDevice;
import java.net.InetAddress;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceListener;
import org.junit.jupiter.api.Test;

/** Simulated devices announce themselves by mDNS as real ones do, and the driver recognises them. Namespace only. */
class MiioDiscoveryIT {

    @Test
    void driverRecognisesAnnouncedSimulatedDevices() throws Exception {
        MiioDriver driver = new MiioDriver();
        Map<String, DiscoveredDevice> found = new ConcurrentHashMap<>();
        CompletableFuture<Void> both = new CompletableFuture<>();
        // jmdns joins the mDNS group on the interface that holds its address: put the devices' addresses on lo
        for (String ip : List.of("127.0.0.40", "127.0.0.41")) {
            Process p = new ProcessBuilder("ip", "addr", "replace", ip + "/32", "dev", "lo").redirectErrorStream(true).start();
            assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0)
                    .as("cannot add %s to lo (run inside a network namespace as root): %s", ip, new String(p.getInputStream().readAllBytes()))
                    .isTrue();
        }
        try (MiioFleet fleet = MiioFleet.start(MiioFleet.Options.of(2).startingAt(MiioFleet.address(127, 0, 0, 40)))) {
            JmDNS browser = JmDNS.create(InetAddress.getByAddress("gw", new byte[] {127, 0, 0, 1}), "gw");
            try {
                browser.addServiceListener(MiioDriver.SERVICE_TYPE, new ServiceListener() {
                    @Override public void serviceAdded(ServiceEvent e) { }
                    @Override public void serviceRemoved(ServiceEvent e) { }
                    @Override public void serviceResolved(ServiceEvent e) {
                        // jmdns resolves twice, the first time with an empty TXT: wait for the key we need
                        if (e.getInfo().getPropertyString("mac") == null || e.getInfo().getInet4Addresses().length == 0) return;
                        Map<String, String> txt = new HashMap<>();
                        for (String k : Collections.list(e.getInfo().getPropertyNames())) txt.put(k, e.getInfo().getPropertyString(k));
                        driver.recognize(new Announcement(e.getType(), e.getName(), List.of(e.getInfo().getInet4Addresses()),
                                e.getInfo().getPort(), txt)).ifPresent(d -> found.put(d.deviceId(), d));
                        if (found.size() == 2) both.complete(null);
                    }
                });
                both.get(30, TimeUnit.SECONDS);
            } finally {
                browser.close();
            }
            for (SimulatedMiioDevice d : fleet.devices()) {
                DiscoveredDevice seen = found.get(d.gatewayDeviceId());
                assertThat(seen.model()).isEqualTo(d.model());
                assertThat(seen.address()).isEqualTo(d.address());
                assertThat(seen.attributes()).containsKey("mac").containsEntry("epoch", "1");
            }
        }
    }
}
