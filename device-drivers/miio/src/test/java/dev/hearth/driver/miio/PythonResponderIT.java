package dev.hearth.driver.miio;

import dev.hearth.driver.api.SystemScheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.CommandOutcome;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.DeviceSecret;
import dev.hearth.driver.api.DeviceSession;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.DriverContext;
import dev.hearth.driver.api.DriverSettings;
import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.driver.api.value.Value;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Hearth driver drives a device that is not Hearth's: a minimal responder built on
 * python-miio's own packet code (src/test/python/miio_responder.py). Run in a network namespace.
 */
class PythonResponderIT {
    static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void driverHandshakesPollsAndSetsAPythonMiioDevice() throws Exception {
        byte[] token = new byte[16];
        new java.security.SecureRandom().nextBytes(token);
        long did = 287_654_321L;
        InetAddress ip = InetAddress.getByAddress(new byte[] {127, 0, 0, 30});
        Process responder = new ProcessBuilder("/usr/bin/python3", "src/test/python/miio_responder.py", "127.0.0.30", "54321",
                HexFormat.of().formatHex(token), Long.toString(did)).redirectErrorStream(true).start();
        try (SystemScheduler scheduler = new SystemScheduler("test-scheduler")) {
            BufferedReader out = new BufferedReader(new InputStreamReader(responder.getInputStream(), StandardCharsets.UTF_8));
            String first = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    return "unreadable: " + e.getMessage();
                }
            }).get(20, TimeUnit.SECONDS);
            assertThat(first).as("the responder did not start (apt-get install -y python3-miio)").isEqualTo("ready");
            CompletableFuture.runAsync(() -> out.lines().forEach(l -> { })); // keep its pipe drained

            MiioDriver driver = new MiioDriver();
            driver.start(new DriverContext(Clock.systemUTC(), scheduler,
                    id -> id.equals("miio-" + did) ? Optional.of(new DeviceSecret(token)) : Optional.empty(),
                    ModelCatalog.fromClasspath(getClass().getClassLoader()),
                    new DriverSettings(3, Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofSeconds(1),
                            Map.of("miio.pollInterval", "PT0.5S", "miio.requestTimeout", "PT0.5S")),
                    (c, r) -> { }, dev.hearth.driver.api.DriverState.inMemory()));
            RecordingSink sink = new RecordingSink();
            DeviceSession s = driver.open(new DiscoveredDevice("miio-" + did, "miio", "zhimi.fan.sa1",
                    new InetSocketAddress(ip, 54321), Map.of("did", Long.toString(did))), sink);
            try {
                DeviceEvent.CameOnline online = sink.await(DeviceEvent.CameOnline.class, e -> true, WAIT);
                assertThat(online.firmware()).contains("2.0.9_0036");
                // the SA1 answers one property per get_prop (python-miio): the answers of one poll are one report
                sink.await(DeviceEvent.StateReported.class, e -> Value.of("off").equals(e.values().get("2.1"))
                        && Value.of(40L).equals(e.values().get("2.2")) && Value.of(90L).equals(e.values().get("2.4")), WAIT);
                sink.await(DeviceEvent.StateReported.class, e -> Value.of("python").equals(e.values().get("1.6")), WAIT);
                CommandOutcome o = s.execute(new DeviceCommand.SetProperties(Map.of("power", Value.of("on"))), Duration.ofSeconds(5))
                        .toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertThat(o.succeeded()).isTrue();
                sink.await(DeviceEvent.StateReported.class, e -> Value.of("on").equals(e.values().get("2.1")), WAIT);
            } finally {
                s.close();
                driver.stop();
            }
        } finally {
            responder.getOutputStream().close();
            if (!responder.waitFor(5, TimeUnit.SECONDS)) responder.destroyForcibly();
        }
    }
}
