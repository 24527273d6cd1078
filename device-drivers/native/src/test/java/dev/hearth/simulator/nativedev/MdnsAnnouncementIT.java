package dev.hearth.simulator.nativedev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hearth.driver.api.Announcement;
import dev.hearth.driver.api.DeviceSecret;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.driver.nativeproto.NativeDriver;
import dev.hearth.simulator.mdns.MdnsAdvertiser;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import org.junit.jupiter.api.Test;

/**
 * A simulated device announced by mDNS, resolved by a jmdns browser, recognised by the driver.
 * Multicast only ever inside a private network namespace (whose only interface is lo): run with
 * {@code unshare --net sh -c 'ip link set lo up && mvn ... verify'}. Elsewhere it is skipped.
 */
class MdnsAnnouncementIT {

    private static boolean insidePrivateNamespace() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isLoopback()) return false;
        }
        return true;
    }

    @Test
    void theDriverRecognisesWhatABrowserResolves() throws Exception {
        assumeTrue(insidePrivateNamespace(), "mDNS runs only inside a private network namespace");
        InetAddress lo = InetAddress.getByAddress("sim", new byte[] {127, 0, 0, 1});
        ModelCatalog models = ModelCatalog.fromClasspath(getClass().getClassLoader());
        try (MdnsAdvertiser advertiser = MdnsAdvertiser.on(lo, "sim");
             SimulatorRuntime runtime = SimulatorRuntime.system(Optional.of(advertiser))) {
            SimulatedDevice lamp = new SimulatedDevice(SimulatedDeviceConfig.of("native-lamp-042",
                    models.find("hearth.light.lamp1").orElseThrow(), new DeviceSecret(new byte[32]), lo), runtime);
            int port = lamp.start();

            JmDNS browser = JmDNS.create(InetAddress.getByAddress("gw", new byte[] {127, 0, 0, 1}), "gw");
            try {
                CompletableFuture<ServiceInfo> resolved = new CompletableFuture<>();
                browser.addServiceListener(SimulatedDevice.SERVICE_TYPE, new ServiceListener() {
                    @Override
                    public void serviceAdded(ServiceEvent event) {
                        browser.requestServiceInfo(event.getType(), event.getName(), 1);
                    }

                    @Override
                    public void serviceRemoved(ServiceEvent event) {
                    }

                    @Override
                    public void serviceResolved(ServiceEvent event) {
                        // jmdns resolves twice, first with an empty TXT: wait for the id
                        if (event.getInfo().getPropertyString("id") != null) resolved.complete(event.getInfo());
                    }
                });
                ServiceInfo info = resolved.get(30, TimeUnit.SECONDS);
                Map<String, String> txt = new HashMap<>();
                Collections.list(info.getPropertyNames()).forEach(k -> txt.put(k, info.getPropertyString(k)));
                Announcement a = new Announcement(info.getType(), info.getName(), List.of(info.getInet4Addresses()),
                        info.getPort(), txt);

                DiscoveredDevice d = new NativeDriver().recognize(a).orElseThrow();

                assertThat(d.deviceId()).isEqualTo("native-lamp-042");
                assertThat(d.model()).isEqualTo("hearth.light.lamp1");
                assertThat(d.address().getPort()).isEqualTo(port);
                assertThat(d.address().getAddress().getAddress()).containsExactly(127, 0, 0, 1);
                assertThat(d.attributes()).containsEntry("protocolVersion", "2");
            } finally {
                browser.close();
                lamp.stop(false);
            }
        }
    }
}
