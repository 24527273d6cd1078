package dev.hearth.simulator.nativedev;

import dev.hearth.driver.api.SystemScheduler;

import dev.hearth.driver.api.DeviceSecret;
import dev.hearth.driver.api.DeviceSession;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.DriverContext;
import dev.hearth.driver.api.DriverCounters;
import dev.hearth.driver.api.DriverSettings;
import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.driver.nativeproto.NativeDriver;
import dev.hearth.simulator.rogue.RogueRelay;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One real simulated lock on 127.0.0.1, a {@link RogueRelay} on 127.0.0.2 in front of it, and the
 * real native driver told the lock is at the relay's address (as if it had followed the rogue's
 * announcement). Short timings: heartbeats and reports every 200 ms, reconnects after 50-400 ms;
 * ten missed heartbeats (2 s) before a heartbeat timeout, so a loaded machine does not look like an attack.
 */
final class RelayRig implements AutoCloseable {
    static final String LOCK = "native-lock-007";
    static final byte[] KEY = new byte[32];
    static final int HEARTBEAT_MISSES = 10;

    static {
        new java.util.Random(21).nextBytes(KEY);
    }

    final SimulatorRuntime runtime = SimulatorRuntime.system(Optional.empty());
    final SystemScheduler driverTimers = new SystemScheduler("driver-timers");
    final Map<String, Integer> counters = new ConcurrentHashMap<>();
    final NativeDriver driver = new NativeDriver();
    final SimulatedDevice lock;
    final RogueRelay relay;
    final RecordingSink sink = new RecordingSink();
    final DeviceSession session;

    /** The lock speaks {@code deviceVersion}; the gateway holds {@code gatewayKey} for it. */
    RelayRig(int deviceVersion, byte[] gatewayKey, Map<String, String> driverOptions) throws IOException {
        this(deviceVersion, gatewayKey, driverOptions, relay -> { });
    }

    /** As above; {@code arm} prepares the relay's attacks before the gateway first connects through it. */
    RelayRig(int deviceVersion, byte[] gatewayKey, Map<String, String> driverOptions,
             java.util.function.Consumer<RogueRelay> arm) throws IOException {
        ModelCatalog models = ModelCatalog.fromClasspath(getClass().getClassLoader());
        lock = new SimulatedDevice(SimulatedDeviceConfig.of(LOCK, models.find("hearth.lock.v1").orElseThrow(), new DeviceSecret(KEY),
                address(1)).withTimings(Duration.ofMillis(200), Duration.ofMillis(200)).withProtocolVersion(deviceVersion), runtime);
        lock.start();
        relay = RogueRelay.start(lock.address(), address(2));
        arm.accept(relay);
        DriverCounters count = (name, reason) -> counters.merge(name + "/" + reason, 1, Integer::sum);
        DeviceSecret held = new DeviceSecret(gatewayKey);
        driver.start(new DriverContext(Clock.systemUTC(), driverTimers, id -> id.equals(LOCK) ? Optional.of(held) : Optional.empty(),
                models, new DriverSettings(HEARTBEAT_MISSES, Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofMillis(400), driverOptions), count));
        session = driver.open(new DiscoveredDevice(LOCK, "native", "hearth.lock.v1", relay.address(), Map.of()), sink);
    }

    int counter(String name, String reason) {
        return counters.getOrDefault(name + "/" + reason, 0);
    }

    void awaitOnline() {
        Await.until(Duration.ofSeconds(15), "the lock online through the relay", sink::online);
        Await.until(Duration.ofSeconds(15), "the lock welcomed", () -> lock.connectedGateways() == 1);
    }

    private static InetAddress address(int last) {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, (byte) last});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        driver.stop();
        relay.close();
        lock.close();
        runtime.close();
        driverTimers.close();
    }
}
