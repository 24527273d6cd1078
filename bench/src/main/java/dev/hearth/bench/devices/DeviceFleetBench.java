package dev.hearth.bench.devices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.simulator.nativedev.DeviceKind;
import dev.hearth.simulator.nativedev.NativeFleet;
import dev.hearth.simulator.nativedev.SimulatorRuntime;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./hearth bench devices}: N simulated native devices (in this JVM) on one gateway
 * ({@code hearth run} in its own JVM, static device entries, mDNS off). Per phase: time from
 * spawning the gateway until every device is ONLINE, then the gateway's CPU over a fixed window,
 * its RSS, and its heap after a forced GC. Phase {@code idle}: devices only heartbeat (reports
 * every hour); phase {@code reporting}: every device reports once a second. Each phase has its own
 * gateway, fleet and temp directory, all stopped and deleted at its end.
 */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "Gateway start-up, CPU and memory with N simulated native devices.")
public final class DeviceFleetBench implements Callable<Integer> {
    /** Both kinds change their readings at every report tick, so each device really reports once per interval. */
    private static final List<DeviceKind> KINDS = List.of(DeviceKind.PLUG, DeviceKind.SENSOR);

    @Option(names = "--count", defaultValue = "1000", description = "simulated devices (default ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--xmx", defaultValue = "256m", description = "the gateway JVM's -Xmx (default ${DEFAULT-VALUE})")
    String xmx;

    @Option(names = "--heartbeat", defaultValue = "5", description = "device heartbeat, seconds (default ${DEFAULT-VALUE})")
    int heartbeatSeconds;

    @Option(names = "--settle", defaultValue = "10", description = "seconds between all ONLINE and the CPU window (default ${DEFAULT-VALUE})")
    int settleSeconds;

    @Option(names = "--window", defaultValue = "30", description = "CPU measurement window, seconds (default ${DEFAULT-VALUE})")
    int windowSeconds;

    @Option(names = "--online-timeout", defaultValue = "120", description = "give up waiting for all ONLINE after this many seconds (default ${DEFAULT-VALUE})")
    int onlineTimeoutSeconds;

    @Option(names = "--phases", split = ",", defaultValue = "idle,reporting", description = "idle, reporting or both (default ${DEFAULT-VALUE})")
    List<String> phases;

    @Option(names = "--gateway-classpath", description = "class path of the gateway JVM (default: gateway-core/app/target of this checkout)")
    Optional<String> gatewayClasspath;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DeviceFleetBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (count < 1) throw new CommandLine.ParameterException(new CommandLine(this), "--count must be at least 1");
        for (String p : phases) {
            if (!p.equals("idle") && !p.equals("reporting")) {
                throw new CommandLine.ParameterException(new CommandLine(this), "unknown phase '" + p + "'; expected idle or reporting");
            }
        }
        SimulatorLogs.quiet();
        GatewayLaunch launch = GatewayLaunch.locate(gatewayClasspath, List.of("-Xmx" + xmx));
        ProcessProbe probe = new ProcessProbe(launch.jcmd());
        System.out.printf("bench devices: %d devices, gateway JVM %s, %d cores, heartbeat %d s, window %d s%n",
                count, launch.jvmOptions(), Runtime.getRuntime().availableProcessors(), heartbeatSeconds, windowSeconds);
        List<FleetPhaseResult> results = new ArrayList<>();
        for (String phase : phases) {
            Duration report = phase.equals("idle") ? Duration.ofHours(1) : Duration.ofSeconds(1);
            System.out.printf("phase %s: devices report every %s%n", phase, report);
            results.add(runPhase(phase, report, launch, probe));
        }
        System.out.println();
        System.out.print(FleetPhaseResult.table(results));
        boolean complete = results.stream().allMatch(r -> r.allOnline().isPresent());
        return complete ? 0 : 1;
    }

    private FleetPhaseResult runPhase(String phase, Duration report, GatewayLaunch launch, ProcessProbe probe) throws Exception {
        String loadBefore = ProcessProbe.loadAverage();
        InetAddress loopback = InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        NativeFleet.Spec spec = NativeFleet.Spec.of(count, loopback).withKinds(KINDS)
                .withTimings(Duration.ofSeconds(heartbeatSeconds), report);
        try (BenchWorkspace ws = BenchWorkspace.create("hearth-bench-devices-");
             SimulatorRuntime runtime = SimulatorRuntime.system(Optional.empty())) {
            long f0 = System.nanoTime();
            NativeFleet fleet = NativeFleet.start(spec, runtime);
            try (fleet) {
                Duration fleetStart = Duration.ofNanos(System.nanoTime() - f0);
                GatewayConfigFile.write(ws, fleet);
                long t0 = System.nanoTime();
                try (GatewayProcess gw = GatewayProcess.start(launch, ws)) {
                    Duration timeout = Duration.ofSeconds(onlineTimeoutSeconds);
                    gw.awaitApi(timeout);
                    Duration apiUp = Duration.ofNanos(System.nanoTime() - t0);
                    Optional<Duration> allOnline = gw.awaitOnline(count, t0, timeout);
                    if (allOnline.isEmpty()) {
                        int online = gw.nativeOnline();
                        System.out.printf("  only %d/%d ONLINE after %d s; last gateway log lines:%n%s%n", online, count,
                                onlineTimeoutSeconds, gw.logTail());
                        return FleetPhaseResult.incomplete(phase, count, report, fleetStart, apiUp, online, loadBefore,
                                ProcessProbe.loadAverage());
                    }
                    System.out.printf("  all %d ONLINE %.2f s after the gateway was spawned (API up at %.2f s)%n", count,
                            allOnline.get().toNanos() / 1e9, apiUp.toNanos() / 1e9);
                    return measure(phase, report, fleetStart, apiUp, allOnline.get(), gw, probe, loadBefore);
                }
            }
        }
    }

    private FleetPhaseResult measure(String phase, Duration report, Duration fleetStart, Duration apiUp, Duration allOnline,
                                     GatewayProcess gw, ProcessProbe probe, String loadBefore) throws Exception {
        long pid = gw.pid();
        long self = ProcessHandle.current().pid();
        Thread.sleep(Duration.ofSeconds(settleSeconds).toMillis());
        // nothing talks to the gateway during the window but the devices
        long g0 = probe.cpuNanos(pid);
        long b0 = probe.cpuNanos(self);
        long w0 = System.nanoTime();
        Thread.sleep(Duration.ofSeconds(windowSeconds).toMillis());
        long g1 = probe.cpuNanos(pid);
        long b1 = probe.cpuNanos(self);
        long w1 = System.nanoTime();
        long rss = probe.status(pid, "VmRSS");
        long threads = probe.status(pid, "Threads");
        int onlineAfter = gw.nativeOnline();
        OptionalInt reported = phase.equals("reporting") ? OptionalInt.of(reportedWithin(gw, Duration.ofSeconds(3)))
                : OptionalInt.empty();
        probe.forceGc(pid);
        String metrics = gw.get("/metrics");
        long heap = (long) MetricsText.sum(metrics, "jvm_memory_used_bytes", Map.of("area", "heap"));
        String heapInfo = probe.heapInfo(pid);
        double window = (w1 - w0) / 1e9;
        System.out.printf("  measured: gateway CPU %.1f %% of one core over %.1f s, heap after GC %.1f MB, RSS %.1f MB%n",
                100.0 * (g1 - g0) / (w1 - w0), window, heap / 1048576.0, rss / 1024.0);
        return new FleetPhaseResult(phase, count, report, fleetStart, apiUp, Optional.of(allOnline), onlineAfter, reported,
                Optional.of(100.0 * (g1 - g0) / (w1 - w0)), Optional.of(100.0 * (b1 - b0) / (w1 - w0)),
                Duration.ofNanos(w1 - w0), OptionalLong.of(heap), heapInfo, OptionalLong.of(rss), OptionalLong.of(threads),
                loadBefore, ProcessProbe.loadAverage());
    }

    /** How many devices' {@code lastSeen} (set by each report) advanced during {@code span}. */
    private static int reportedWithin(GatewayProcess gw, Duration span) throws Exception {
        Map<String, Long> before = lastSeen(gw);
        Thread.sleep(span.toMillis());
        Map<String, Long> after = lastSeen(gw);
        return (int) after.entrySet().stream().filter(e -> e.getValue() > before.getOrDefault(e.getKey(), Long.MAX_VALUE)).count();
    }

    private static Map<String, Long> lastSeen(GatewayProcess gw) throws Exception {
        JsonNode root = new ObjectMapper().readTree(gw.get("/api/v1/devices"));
        JsonNode list = root.isArray() ? root : root.path("devices");
        Map<String, Long> seen = new HashMap<>();
        list.forEach(d -> seen.put(d.path("id").asText(), d.path("lastSeen").asLong()));
        return seen;
    }
}
