package dev.hearth.bench.devices;

import dev.hearth.driver.api.DeviceDriver;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.DeviceSecret;
import dev.hearth.driver.api.DeviceSession;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.DriverContext;
import dev.hearth.driver.api.DriverCounters;
import dev.hearth.driver.api.DriverSettings;
import dev.hearth.driver.api.Scheduler;
import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.protocols.miio.MiioToken;
import dev.hearth.simulator.miio.DatagramLoop;
import dev.hearth.simulator.miio.MiioDeviceKind;
import dev.hearth.simulator.miio.MiioFaults;
import dev.hearth.simulator.miio.SimulatedMiioDevice;
import dev.hearth.simulator.nativedev.SimulatedDevice;
import dev.hearth.simulator.nativedev.SimulatedDeviceConfig;
import dev.hearth.simulator.nativedev.SimulatorRuntime;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./hearth bench return-to-online}: after an outage, how long from a device's return until
 * its session reports it ONLINE again ({@code CameOnline}), for miIO and native devices, beside
 * the configured interval that bounds it (miIO: {@code miio.probeMax}, the re-probe interval
 * while OFFLINE; native: the reconnect backoff's max). Each trial is one device: all devices of a
 * protocol go off together (no mDNS goodbye: the miIO plug stops answering; the native lamp says a
 * LAN Goodbye on its open connection and closes its listener, so reconnects fail until it is
 * back), stay off for {@code --outage}, then return one at a time,
 * {@code --stagger} apart, each timed from its own return. The drivers run through the SPI
 * (ServiceLoader), on real UDP and TCP sockets on loopback.
 *
 * <p>The outage is shortened by configuration: what a 3-minute outage does to a session is that
 * its re-probe or reconnect interval reaches its cap; an outage of at least three caps does the
 * same (the cap is reached after log2(max/initial) failed attempts), so the measured return time
 * is the one a 3-minute outage with these caps gives. mDNS plays no part in the return (the
 * session finds the device by unicast), so it is left out.
 */
@Command(name = "return-to-online", mixinStandardHelpOptions = true,
        description = "Device return after an outage to ONLINE, miIO and native: p50/p99 over N trials beside the probe interval.")
public final class ReturnToOnlineBench implements Callable<Integer> {
    @Option(names = "--trials", defaultValue = "20", description = "devices (one trial each) per protocol (default ${DEFAULT-VALUE})")
    int trials;

    @Option(names = "--probe-max", defaultValue = "PT4S", description = "miio.probeMax and the native reconnect max (default ${DEFAULT-VALUE})")
    Duration probeMax;

    @Option(names = "--outage", defaultValue = "PT15S", description = "how long every device stays off; at least 3 x --probe-max (default ${DEFAULT-VALUE})")
    Duration outage;

    @Option(names = "--stagger", defaultValue = "PT0.5S", description = "time between two devices' returns (default ${DEFAULT-VALUE})")
    Duration stagger;

    private final Map<String, Long> cameOnlineNanos = new ConcurrentHashMap<>();
    private final Map<String, Long> wentOfflineNanos = new ConcurrentHashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReturnToOnlineBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (trials < 1 || outage.compareTo(probeMax.multipliedBy(3)) < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "need --trials >= 1 and --outage >= 3 x --probe-max");
        }
        SimulatorLogs.quiet();
        String loadBefore = ProcessProbe.loadAverage();
        System.out.printf("bench return-to-online: %d trials per protocol, probe/reconnect max %s, outage %s, %d cores%n",
                trials, probeMax, outage, Runtime.getRuntime().availableProcessors());
        InetAddress lo = InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        Scheduler scheduler = (delay, task) -> {
            var f = timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        };
        Map<String, DeviceSecret> secrets = new ConcurrentHashMap<>();
        ModelCatalog models = ModelCatalog.fromClasspath(getClass().getClassLoader());
        Map<String, String> options = Map.of("miio.pollInterval", "PT1H", "miio.probeInitial", "PT0.5S",
                "miio.probeMax", probeMax.toString(), "miio.pings", "2", "miio.pingInterval", "PT0.5S",
                "miio.requestTimeout", "PT0.5S", "miio.retries", "1", "miio.bindAddress", "127.0.0.1");
        DriverContext context = new DriverContext(Clock.systemUTC(), scheduler, id -> Optional.ofNullable(secrets.get(id)), models,
                new DriverSettings(3, Duration.ofSeconds(2), Duration.ofMillis(200), probeMax, options), DriverCounters.NONE);
        Map<String, DeviceDriver> drivers = new HashMap<>();
        for (DeviceDriver d : ServiceLoader.load(DeviceDriver.class)) drivers.put(d.protocol(), d);
        DeviceDriver miio = drivers.get("miio");
        DeviceDriver lan = drivers.get("native");
        if (miio == null || lan == null) throw new IllegalStateException("need the miio and native drivers on the class path: " + drivers.keySet());
        miio.start(context);
        lan.start(context);
        DatagramLoop loop = DatagramLoop.start(false);
        List<long[]> results = new ArrayList<>();
        try (SimulatorRuntime runtime = SimulatorRuntime.system(Optional.empty())) {
            results.add(miioTrials(miio, lo, loop, secrets));
            results.add(nativeTrials(lan, lo, runtime, models, secrets));
        } finally {
            miio.stop();
            lan.stop();
            loop.stop();
            timer.shutdownNow();
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-34s | %6s | %8s | %8s | %8s | %8s%n", "device back -> ONLINE (ms)", "trials", "p50", "p99", "max",
                "bound");
        print("miIO (re-probe at miio.probeMax)", results.get(0));
        print("native (reconnect at its max)", results.get(1));
        System.out.printf("bound = the configured interval (%d ms; its jitter only shortens it) + one request timeout (500 ms)%n",
                probeMax.toMillis());
        System.out.printf("load average before %s, after %s%n", loadBefore, ProcessProbe.loadAverage());
        long bound = probeMax.plusMillis(500).toNanos();
        return Arrays.stream(results.get(0)).allMatch(v -> v >= 0 && v <= bound) && Arrays.stream(results.get(1)).allMatch(v -> v >= 0 && v <= bound) ? 0 : 1;
    }

    private long[] miioTrials(DeviceDriver driver, InetAddress lo, DatagramLoop loop, Map<String, DeviceSecret> secrets) throws Exception {
        List<SimulatedMiioDevice> plugs = new ArrayList<>();
        List<DeviceSession> sessions = new ArrayList<>();
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < trials; i++) {
            byte[] t = new byte[16];
            random.nextBytes(t);
            SimulatedMiioDevice plug = SimulatedMiioDevice.start(MiioDeviceKind.MIOT_PLUG, 7000 + i, MiioToken.of(t),
                    new InetSocketAddress(lo, 0), MiioFaults.none(), loop, Clock.systemUTC());
            plugs.add(plug);
            secrets.put(plug.gatewayDeviceId(), new DeviceSecret(t));
            sessions.add(driver.open(new DiscoveredDevice(plug.gatewayDeviceId(), "miio", plug.model(), plug.address(),
                    Map.of("did", Long.toString(plug.deviceId()))), sink(plug.gatewayDeviceId())));
        }
        try {
            awaitAll(plugs.stream().map(SimulatedMiioDevice::gatewayDeviceId).toList(), cameOnlineNanos, "ONLINE");
            cameOnlineNanos.clear();
            for (SimulatedMiioDevice p : plugs) p.close();
            awaitAll(plugs.stream().map(SimulatedMiioDevice::gatewayDeviceId).toList(), wentOfflineNanos, "OFFLINE");
            Thread.sleep(outage.toMillis()); // the outage itself: real time is what is simulated here
            long[] back = new long[trials];
            for (int i = 0; i < trials; i++) {
                SimulatedMiioDevice old = plugs.get(i);
                SimulatedMiioDevice plug = SimulatedMiioDevice.start(MiioDeviceKind.MIOT_PLUG, old.deviceId(), old.token(), old.address(),
                        MiioFaults.none(), loop, Clock.systemUTC());
                plugs.set(i, plug);
                back[i] = System.nanoTime();
                Thread.sleep(stagger.toMillis());
            }
            return elapsed(plugs.stream().map(SimulatedMiioDevice::gatewayDeviceId).toList(), back);
        } finally {
            sessions.forEach(DeviceSession::close);
            for (SimulatedMiioDevice p : plugs) p.close();
        }
    }

    private long[] nativeTrials(DeviceDriver driver, InetAddress lo, SimulatorRuntime runtime, ModelCatalog models,
                                Map<String, DeviceSecret> secrets) throws Exception {
        List<SimulatedDevice> lamps = new ArrayList<>();
        List<DeviceSession> sessions = new ArrayList<>();
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < trials; i++) {
            byte[] k = new byte[32];
            random.nextBytes(k);
            String id = String.format(Locale.ROOT, "bench-lamp-%03d", i);
            SimulatedDevice lamp = new SimulatedDevice(SimulatedDeviceConfig.of(id, models.find("hearth.light.lamp1").orElseThrow(),
                    new DeviceSecret(k), lo).withTimings(Duration.ofMillis(300), Duration.ofHours(1)), runtime);
            lamp.start();
            lamps.add(lamp);
            secrets.put(id, new DeviceSecret(k));
            sessions.add(driver.open(new DiscoveredDevice(id, "native", "hearth.light.lamp1", lamp.address(), Map.of()), sink(id)));
        }
        try {
            List<String> ids = lamps.stream().map(SimulatedDevice::deviceId).toList();
            awaitAll(ids, cameOnlineNanos, "ONLINE");
            cameOnlineNanos.clear();
            for (SimulatedDevice l : lamps) l.stop();
            awaitAll(ids, wentOfflineNanos, "OFFLINE");
            Thread.sleep(outage.toMillis());
            long[] back = new long[trials];
            for (int i = 0; i < trials; i++) {
                lamps.get(i).start();
                back[i] = System.nanoTime();
                Thread.sleep(stagger.toMillis());
            }
            return elapsed(ids, back);
        } finally {
            sessions.forEach(DeviceSession::close);
            lamps.forEach(SimulatedDevice::close);
        }
    }

    private dev.hearth.driver.api.DeviceSink sink(String id) {
        return e -> {
            if (e instanceof DeviceEvent.CameOnline) cameOnlineNanos.putIfAbsent(id, System.nanoTime());
            if (e instanceof DeviceEvent.WentOffline) wentOfflineNanos.putIfAbsent(id, System.nanoTime());
        };
    }

    /** Each device's return to its CameOnline; -1 for one not back within 3 x the cap (a failed trial). */
    private long[] elapsed(List<String> ids, long[] back) throws InterruptedException {
        long deadline = System.nanoTime() + probeMax.multipliedBy(3).toNanos();
        while (System.nanoTime() < deadline && !cameOnlineNanos.keySet().containsAll(ids)) Thread.sleep(10);
        long[] out = new long[ids.size()];
        for (int i = 0; i < out.length; i++) {
            Long at = cameOnlineNanos.get(ids.get(i));
            out[i] = at == null ? -1 : at - back[i];
        }
        cameOnlineNanos.clear();
        wentOfflineNanos.clear();
        return out;
    }

    private static void awaitAll(List<String> ids, Map<String, Long> seen, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!seen.keySet().containsAll(ids)) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("not all " + what + " within 60 s: " + seen.size() + "/" + ids.size());
            Thread.sleep(10);
        }
    }

    private void print(String label, long[] nanos) {
        long[] ok = Arrays.stream(nanos).filter(v -> v >= 0).sorted().toArray();
        if (ok.length == 0) {
            System.out.printf("%-34s | no device came back%n", label);
            return;
        }
        System.out.printf(Locale.ROOT, "%-34s | %3d/%-2d | %8.0f | %8.0f | %8.0f | %8d%n", label, ok.length, nanos.length,
                percentile(ok, 50) / 1e6, percentile(ok, 99) / 1e6, ok[ok.length - 1] / 1e6, probeMax.plusMillis(500).toMillis());
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
