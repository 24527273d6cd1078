package dev.hearth.bench.cloud;

import dev.hearth.bench.devices.BenchWorkspace;
import dev.hearth.bench.devices.GatewayConfigFile;
import dev.hearth.bench.devices.GatewayLaunch;
import dev.hearth.bench.devices.GatewayProcess;
import dev.hearth.bench.devices.MetricsText;
import dev.hearth.bench.devices.ProcessProbe;
import dev.hearth.bench.devices.SimulatorLogs;
import dev.hearth.core.cloud.CloudTopics;
import dev.hearth.simulator.nativedev.DeviceKind;
import dev.hearth.simulator.nativedev.NativeFleet;
import dev.hearth.simulator.nativedev.SimulatorRuntime;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./hearth bench cloud-gateway-throughput}: telemetry from simulated native devices through
 * the whole gateway (its own JVM: frame decode, registry, privacy filter, durable outbox, MQTT
 * publish) to a subscriber on Mosquitto, counted over a fixed window after a warm-up; then, in the
 * same run and on the same broker, the floor: a bare Paho v5 QoS 1 publisher of pre-encoded
 * messages of the gateway's mean telemetry size, with the same in-flight window (Mosquitto's 20).
 * Rounds alternate gateway and floor (the machine is shared: one pair alone is noisy); each
 * gateway round is a fresh JVM with an empty outbox, on the same running devices.
 */
@Command(name = "cloud-gateway-throughput", mixinStandardHelpOptions = true,
        description = "Telemetry msg/s device -> gateway -> Mosquitto -> subscriber, beside a bare Paho publisher.")
public final class GatewayTelemetryBench implements Callable<Integer> {
    @Option(names = "--devices", defaultValue = "200", description = "simulated plugs and sensors (default ${DEFAULT-VALUE})")
    int devices;

    @Option(names = "--report-ms", defaultValue = "10", description = "each device's report interval, ms (default ${DEFAULT-VALUE})")
    int reportMs;

    @Option(names = "--warmup", defaultValue = "15", description = "seconds of load before the window (default ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(names = "--window", defaultValue = "30", description = "measurement window, seconds (default ${DEFAULT-VALUE})")
    int windowSeconds;

    @Option(names = "--floor-messages", defaultValue = "60000", description = "messages per floor round (default ${DEFAULT-VALUE})")
    int floorMessages;

    @Option(names = "--rounds", defaultValue = "2", description = "gateway + floor rounds, alternating (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--xmx", defaultValue = "256m", description = "the gateway JVM's -Xmx (default ${DEFAULT-VALUE})")
    String xmx;

    @Option(names = "--gateway-classpath", description = "class path of the gateway JVM (default: gateway-core/app/target of this checkout)")
    Optional<String> gatewayClasspath;

    /** What the gateway's /metrics said at one moment. */
    private record Sample(long nanos, double in, double out, double outboxHeld, double dropped, long received, long bytes, long states, long cpuNanos) {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new GatewayTelemetryBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        SimulatorLogs.quiet();
        GatewayLaunch launch = GatewayLaunch.locate(gatewayClasspath, List.of("-Xmx" + xmx));
        ProcessProbe probe = new ProcessProbe(launch.jcmd());
        System.out.printf("nproc=%d load average before: %s%n", Runtime.getRuntime().availableProcessors(), ProcessProbe.loadAverage());
        System.out.printf("devices=%d (plugs and sensors) reporting every %d ms: nominal %d reports/s; warm-up %d s, window %d s, gateway -Xmx%s%n",
                devices, reportMs, devices * 1000L / reportMs, warmupSeconds, windowSeconds, xmx);
        InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        NativeFleet.Spec spec = NativeFleet.Spec.of(devices, loopback).withKinds(List.of(DeviceKind.PLUG, DeviceKind.SENSOR))
                .withTimings(Duration.ofSeconds(5), Duration.ofMillis(reportMs));
        CloudTopics topics = CloudTopics.of("bench-home", "bench-gw");
        double gatewayTotal = 0;
        double floorTotal = 0;
        try (var broker = new BenchMosquitto(); SimulatorRuntime runtime = SimulatorRuntime.system(Optional.empty())) {
            NativeFleet fleet = NativeFleet.start(spec, runtime);
            try {
                for (int round = 1; round <= rounds; round++) {
                    GatewayRound g = gatewayRound(launch, probe, broker, fleet, topics, round);
                    double floor = TelemetryThroughputBench.floor(broker.uri(), floorMessages, g.meanSize(), round);
                    System.out.printf("round %d FLOOR: bare Paho v5 QoS 1, %d messages of %d bytes, window 20: %.0f msg/s (load average %s)%n",
                            round, floorMessages, g.meanSize(), floor, ProcessProbe.loadAverage());
                    System.out.printf("round %d: gateway / floor = %.0f%%%n", round, 100 * g.rate() / floor);
                    gatewayTotal += g.rate();
                    floorTotal += floor;
                }
            } finally {
                fleet.close();
            }
        }
        System.out.printf("all rounds: gateway %.0f msg/s, floor %.0f msg/s (means): %.0f%% (target >= 50%%: %s)%n",
                gatewayTotal / rounds, floorTotal / rounds, 100 * gatewayTotal / floorTotal,
                gatewayTotal >= floorTotal / 2 ? "met" : "NOT met");
        return 0;
    }

    private record GatewayRound(double rate, int meanSize) {
    }

    /** A fresh gateway JVM with a fresh data directory (empty outbox) on the running fleet: warm-up, then the window. */
    private GatewayRound gatewayRound(GatewayLaunch launch, ProcessProbe probe, BenchMosquitto broker, NativeFleet fleet,
                                      CloudTopics topics, int round) throws Exception {
        var received = new AtomicLong();
        var bytes = new AtomicLong();
        var states = new AtomicLong();
        MqttAsyncClient sub = BenchClients.connect(broker.uri(), "gw-throughput-sub-" + round, (t, m) -> {
            if (t.endsWith("/telemetry")) {
                received.incrementAndGet();
                bytes.addAndGet(m.getPayload().length);
            } else if (t.endsWith("/state")) {
                states.incrementAndGet();
            }
        });
        sub.subscribe(topics.root() + "/devices/#", 1).waitForCompletion(10_000);
        try (BenchWorkspace ws = BenchWorkspace.create("hearth-bench-gw-cloud-")) {
            GatewayConfigFile.write(ws, fleet, "cloud: { broker: \"" + broker.uri() + "\", keepAlive: 30s }\n");
            try (GatewayProcess gw = GatewayProcess.start(launch, ws)) {
                gw.awaitApi(Duration.ofSeconds(60));
                if (gw.awaitOnline(devices, System.nanoTime(), Duration.ofSeconds(60)).isEmpty()) {
                    throw new IllegalStateException("not every device came online; gateway log:\n" + gw.logTail());
                }
                Thread.sleep(warmupSeconds * 1000L); // the bench's own pacing, not a test wait
                Sample a = sample(gw, probe, received, bytes, states);
                Thread.sleep(windowSeconds * 1000L);
                Sample b = sample(gw, probe, received, bytes, states);
                double secs = (b.nanos() - a.nanos()) / 1e9;
                double rate = (b.received() - a.received()) / secs;
                int meanSize = (int) Math.round((double) (b.bytes() - a.bytes()) / Math.max(1, b.received() - a.received()));
                System.out.printf("round %d gateway: telemetry in (registry changes) %.0f/s, out (filtered, to the outbox) %.0f/s%n",
                        round, (b.in() - a.in()) / secs, (b.out() - a.out()) / secs);
                System.out.printf("round %d gateway: outbox held %.0f at window start, %.0f at its end, %.0f dropped in the window (bound); "
                                + "gateway JVM CPU %.0f%% of one core; retained states at the subscriber %.0f/s%n",
                        round, a.outboxHeld(), b.outboxHeld(), b.dropped() - a.dropped(),
                        100.0 * (b.cpuNanos() - a.cpuNanos()) / (b.nanos() - a.nanos()), (b.states() - a.states()) / secs);
                System.out.printf("round %d GATEWAY: telemetry at the subscriber %.0f msg/s (mean payload %d bytes) over %.1f s (load average %s)%n",
                        round, rate, meanSize, secs, ProcessProbe.loadAverage());
                return new GatewayRound(rate, meanSize);
            }
        } finally {
            BenchClients.close(sub);
        }
    }

    private static Sample sample(GatewayProcess gw, ProcessProbe probe, AtomicLong received, AtomicLong bytes, AtomicLong states)
            throws Exception {
        long now = System.nanoTime();
        long r = received.get();
        long b = bytes.get();
        long s = states.get();
        String metrics = gw.get("/metrics");
        return new Sample(now,
                MetricsText.sum(metrics, "hearth_telemetry_messages_total", Map.of("direction", "in")),
                MetricsText.sum(metrics, "hearth_telemetry_messages_total", Map.of("direction", "out")),
                MetricsText.sum(metrics, "hearth_outbox_messages", Map.of()),
                MetricsText.sum(metrics, "hearth_outbox_dropped_total", Map.of()),
                r, b, s, probe.cpuNanos(gw.pid()));
    }
}
