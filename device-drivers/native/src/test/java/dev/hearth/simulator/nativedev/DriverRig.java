package dev.hearth.simulator.nativedev;

import dev.hearth.driver.api.SystemScheduler;

import dev.hearth.driver.api.DeviceSecret;
import dev.hearth.driver.api.DeviceSession;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.DriverContext;
import dev.hearth.driver.api.DriverCounters;
import dev.hearth.driver.api.DriverSettings;
import dev.hearth.driver.nativeproto.NativeDriver;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real native driver and a fleet of real simulated devices on 127.0.0.1, with short timings:
 * devices heartbeat every 200 ms, the driver allows 3 misses and reconnects after 50-400 ms.
 */
final class DriverRig implements AutoCloseable {
    static final InetAddress LOOPBACK = loopback();

    final SimulatorRuntime runtime = SimulatorRuntime.system(Optional.empty());
    final SystemScheduler driverTimers = new SystemScheduler("driver-timers");
    final Map<String, Integer> counters = new ConcurrentHashMap<>();
    final NativeDriver driver = new NativeDriver();
    final NativeFleet fleet;
    final Map<String, RecordingSink> sinks = new LinkedHashMap<>();
    final Map<String, DeviceSession> sessions = new LinkedHashMap<>();

    DriverRig(NativeFleet.Spec spec, Map<String, String> driverOptions) {
        fleet = NativeFleet.start(spec.withTimings(Duration.ofMillis(200), Duration.ofMillis(200)), runtime);
        Map<String, DeviceSecret> keys = fleet.keys();
        DriverCounters count = (name, reason) -> counters.merge(name + "/" + reason, 1, Integer::sum);
        driver.start(new DriverContext(Clock.systemUTC(), driverTimers, id -> Optional.ofNullable(keys.get(id)), fleet.models(),
                new DriverSettings(3, Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofMillis(400), driverOptions), count));
        for (SimulatedDevice d : fleet.devices()) {
            RecordingSink sink = new RecordingSink();
            sinks.put(d.deviceId(), sink);
            sessions.put(d.deviceId(), driver.open(new DiscoveredDevice(d.deviceId(), "native", d.model().model(), d.address(), Map.of()), sink));
        }
    }

    static NativeFleet.Spec spec(int count, DeviceKind... kinds) {
        return NativeFleet.Spec.of(count, LOOPBACK).withKinds(List.of(kinds));
    }

    RecordingSink sink(String id) {
        return sinks.get(id);
    }

    int counter(String name, String reason) {
        return counters.getOrDefault(name + "/" + reason, 0);
    }

    void awaitAllOnline() {
        Await.until(Duration.ofSeconds(15), "every device online", () -> sinks.values().stream().allMatch(RecordingSink::online));
        // the gateway reports online when it sends Welcome; the device counts the link once it has read it
        Await.until(Duration.ofSeconds(15), "every device welcomed", () -> fleet.devices().stream().allMatch(d -> d.connectedGateways() == 1));
    }

    @Override
    public void close() {
        driver.stop();
        fleet.close();
        runtime.close();
        driverTimers.close();
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
