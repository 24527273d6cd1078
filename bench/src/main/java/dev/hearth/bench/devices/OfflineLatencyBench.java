package dev.hearth.bench.devices;

import dev.hearth.simulator.nativedev.DeviceKind;
import dev.hearth.simulator.nativedev.Fault;
import dev.hearth.simulator.nativedev.NativeFleet;
import dev.hearth.simulator.nativedev.SimulatorRuntime;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./hearth bench offline-latency}: how long from a device closing its connection until the
 * gateway (its own JVM) records the device OFFLINE. Each trial closes one device's connection
 * ({@link Fault.Close}) and waits for the {@code availability} event on the gateway's event stream;
 * latency is measured two ways: event arrival in this JVM ({@code nanoTime}, same clock as the
 * trigger) and the event's {@code since} (the gateway's wall clock at detection) against the
 * trigger's wall clock. Trials run one after the other, each on a different device, after the
 * previous device is back ONLINE.
 */
@Command(name = "offline-latency", mixinStandardHelpOptions = true,
        description = "Connection close to OFFLINE recorded by the gateway: p50/p99 over N trials.")
public final class OfflineLatencyBench implements Callable<Integer> {
    @Option(names = "--trials", defaultValue = "100", description = "trials (default ${DEFAULT-VALUE})")
    int trials;

    @Option(names = "--devices", defaultValue = "1000", description = "devices on the gateway; at least --trials (default ${DEFAULT-VALUE})")
    int devices;

    @Option(names = "--xmx", defaultValue = "256m", description = "the gateway JVM's -Xmx (default ${DEFAULT-VALUE})")
    String xmx;

    @Option(names = "--heartbeat", defaultValue = "5", description = "device heartbeat, seconds (default ${DEFAULT-VALUE})")
    int heartbeatSeconds;

    @Option(names = "--online-timeout", defaultValue = "120", description = "give up waiting for all ONLINE after this many seconds (default ${DEFAULT-VALUE})")
    int onlineTimeoutSeconds;

    @Option(names = "--gateway-classpath", description = "class path of the gateway JVM (default: gateway-core/app/target of this checkout)")
    Optional<String> gatewayClasspath;

    public static void main(String[] args) {
        System.exit(new CommandLine(new OfflineLatencyBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (trials < 1 || devices < trials) {
            throw new CommandLine.ParameterException(new CommandLine(this), "need --trials >= 1 and --devices >= --trials");
        }
        SimulatorLogs.quiet();
        GatewayLaunch launch = GatewayLaunch.locate(gatewayClasspath, List.of("-Xmx" + xmx));
        String loadBefore = ProcessProbe.loadAverage();
        System.out.printf("bench offline-latency: %d trials on %d devices, gateway JVM %s, %d cores%n", trials, devices,
                launch.jvmOptions(), Runtime.getRuntime().availableProcessors());
        InetAddress loopback = InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        NativeFleet.Spec spec = NativeFleet.Spec.of(devices, loopback).withKinds(List.of(DeviceKind.PLUG, DeviceKind.SENSOR))
                .withTimings(Duration.ofSeconds(heartbeatSeconds), Duration.ofHours(1));
        try (BenchWorkspace ws = BenchWorkspace.create("hearth-bench-offline-");
             SimulatorRuntime runtime = SimulatorRuntime.system(Optional.empty())) {
            NativeFleet fleet = NativeFleet.start(spec, runtime);
            try (fleet) {
                GatewayConfigFile.write(ws, fleet);
                long t0 = System.nanoTime();
                try (GatewayProcess gw = GatewayProcess.start(launch, ws)) {
                    gw.awaitApi(Duration.ofSeconds(onlineTimeoutSeconds));
                    if (gw.awaitOnline(devices, t0, Duration.ofSeconds(onlineTimeoutSeconds)).isEmpty()) {
                        System.out.printf("only %d/%d ONLINE after %d s; giving up. Last gateway log lines:%n%s%n",
                                gw.nativeOnline(), devices, onlineTimeoutSeconds, gw.logTail());
                        return 1;
                    }
                    try (AvailabilityFeed feed = AvailabilityFeed.open(gw, Duration.ofSeconds(10))) {
                        return runTrials(fleet, feed, loadBefore);
                    }
                }
            }
        }
    }

    private int runTrials(NativeFleet fleet, AvailabilityFeed feed, String loadBefore) throws InterruptedException, java.io.IOException {
        List<String> ids = fleet.ids();
        List<Long> arrivalMicros = new ArrayList<>();
        List<Long> sinceMillis = new ArrayList<>();
        int missed = 0;
        int otherReason = 0;
        int notBack = 0;
        for (int i = 0; i < trials; i++) {
            String id = ids.get(i * (ids.size() / trials));
            long wall = System.currentTimeMillis();
            long t0 = System.nanoTime();
            fleet.device(id).setFault(new Fault.Close());
            Optional<AvailabilityFeed.Change> off = feed.await(id, "offline", Duration.ofSeconds(5));
            if (off.isEmpty()) {
                missed++;
                continue;
            }
            if (!off.get().reason().equals("CONNECTION_CLOSED")) otherReason++;
            arrivalMicros.add((off.get().arrivedNanos() - t0) / 1_000);
            sinceMillis.add(off.get().since() - wall);
            // the next trial starts from a quiet gateway: this device has reconnected
            if (feed.await(id, "online", Duration.ofSeconds(15)).isEmpty()) notBack++;
        }
        String loadAfter = ProcessProbe.loadAverage();
        System.out.println();
        System.out.printf(Locale.ROOT, "%-44s | %8s | %8s | %8s | %8s%n", "close -> OFFLINE (ms)", "p50", "p99", "max", "mean");
        print("SSE event arrival (bench nanoTime)", arrivalMicros, 1000.0);
        print("event since - trigger (wall clock, 1 ms res.)", sinceMillis, 1.0);
        System.out.printf("trials %d, events received %d, missed (no OFFLINE within 5 s) %d, reason other than "
                + "CONNECTION_CLOSED %d, not back ONLINE within 15 s %d%n", trials, arrivalMicros.size(), missed, otherReason, notBack);
        System.out.printf("load average before %s, after %s%n", loadBefore, loadAfter);
        return missed == 0 ? 0 : 1;
    }

    private static void print(String label, List<Long> values, double perMilli) {
        if (values.isEmpty()) {
            System.out.printf("%-44s | no samples%n", label);
            return;
        }
        long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
        double mean = Arrays.stream(v).average().orElse(0);
        System.out.printf(Locale.ROOT, "%-44s | %8.2f | %8.2f | %8.2f | %8.2f%n", label, percentile(v, 50) / perMilli,
                percentile(v, 99) / perMilli, v[v.length - 1] / perMilli, mean / perMilli);
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
