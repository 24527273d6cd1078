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
import java.util.Arrays;
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
 * {@code ./hearth bench api-latency}: p50/p99 of {@code GET /api/v1/devices} (one request at a
 * time, keep-alive) on a gateway with {@code --devices} native devices, first while they only
 * heartbeat (the reference, same run), then on a fresh gateway while every device reports every
 * {@code --report-ms} and the telemetry goes through the cloud bridge to Mosquitto and a
 * subscriber (the API must not be starved by device I/O).
 */
@Command(name = "api-latency", mixinStandardHelpOptions = true,
        description = "GET /api/v1/devices p50/p99 with 1,000 devices, idle and while telemetry saturates the gateway.")
public final class ApiLatencyBench implements Callable<Integer> {
    @Option(names = "--devices", defaultValue = "1000", description = "simulated devices (default ${DEFAULT-VALUE})")
    int devices;

    @Option(names = "--report-ms", defaultValue = "20", description = "report interval in the loaded phase, ms (default ${DEFAULT-VALUE})")
    int reportMs;

    @Option(names = "--requests", defaultValue = "1000", description = "requests per phase (default ${DEFAULT-VALUE})")
    int requests;

    @Option(names = "--warmup", defaultValue = "15", description = "seconds of load (and requests) before measuring (default ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(names = "--xmx", defaultValue = "256m", description = "the gateway JVM's -Xmx (default ${DEFAULT-VALUE})")
    String xmx;

    @Option(names = "--gateway-classpath", description = "class path of the gateway JVM (default: gateway-core/target of this checkout)")
    Optional<String> gatewayClasspath;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ApiLatencyBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        SimulatorLogs.quiet();
        GatewayLaunch launch = GatewayLaunch.locate(gatewayClasspath, List.of("-Xmx" + xmx));
        ProcessProbe probe = new ProcessProbe(launch.jcmd());
        System.out.printf("nproc=%d load average before: %s%n", Runtime.getRuntime().availableProcessors(), ProcessProbe.loadAverage());
        System.out.printf("devices=%d; %d sequential GET /api/v1/devices per phase after %d s of warm-up; gateway -Xmx%s%n",
                devices, requests, warmupSeconds, xmx);
        try (var broker = new BenchMosquitto(); SimulatorRuntime runtime = SimulatorRuntime.system(Optional.empty())) {
            phase("idle (heartbeats only)", Duration.ofHours(1), launch, probe, broker, runtime);
            phase("telemetry every " + reportMs + " ms per device", Duration.ofMillis(reportMs), launch, probe, broker, runtime);
        }
        return 0;
    }

    private void phase(String name, Duration report, GatewayLaunch launch, ProcessProbe probe, BenchMosquitto broker,
                       SimulatorRuntime runtime) throws Exception {
        InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        NativeFleet.Spec spec = NativeFleet.Spec.of(devices, loopback).withKinds(List.of(DeviceKind.PLUG, DeviceKind.SENSOR))
                .withTimings(Duration.ofSeconds(5), report);
        CloudTopics topics = CloudTopics.of("bench-home", "bench-gw");
        var telemetry = new AtomicLong();
        MqttAsyncClient sub = BenchClients.connect(broker.uri(), "api-latency-sub-" + report.toMillis(), (t, m) -> {
            if (t.endsWith("/telemetry")) telemetry.incrementAndGet();
        });
        sub.subscribe(topics.root() + "/devices/#", 1).waitForCompletion(10_000);
        NativeFleet fleet = NativeFleet.start(spec, runtime);
        try (BenchWorkspace ws = BenchWorkspace.create("hearth-bench-api-")) {
            GatewayConfigFile.write(ws, fleet, "cloud: { broker: \"" + broker.uri() + "\", keepAlive: 30s }\n");
            try (GatewayProcess gw = GatewayProcess.start(launch, ws)) {
                gw.awaitApi(Duration.ofSeconds(60));
                if (gw.awaitOnline(devices, System.nanoTime(), Duration.ofSeconds(90)).isEmpty()) {
                    throw new IllegalStateException("not every device came online; gateway log:\n" + gw.logTail());
                }
                long warmEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
                int bodyLength = 0;
                while (System.nanoTime() < warmEnd) bodyLength = gw.get("/api/v1/devices").length();
                String m0 = gw.get("/metrics");
                long t0 = telemetry.get();
                long c0 = probe.cpuNanos(gw.pid());
                long w0 = System.nanoTime();
                long[] nanos = new long[requests];
                for (int i = 0; i < requests; i++) {
                    long s = System.nanoTime();
                    gw.get("/api/v1/devices");
                    nanos[i] = System.nanoTime() - s;
                }
                long w1 = System.nanoTime();
                long c1 = probe.cpuNanos(gw.pid());
                String m1 = gw.get("/metrics");
                double secs = (w1 - w0) / 1e9;
                Arrays.sort(nanos);
                Map<String, String> out = Map.of("direction", "out");
                System.out.printf("%s: GET /api/v1/devices (%d bytes) n=%d p50 %.2f ms p99 %.2f ms max %.2f ms; meanwhile telemetry to the "
                                + "outbox %.0f/s, at the subscriber %.0f/s, device events dropped %.0f, gateway CPU %.0f%% of one core "
                                + "(load average %s)%n",
                        name, bodyLength, requests, nanos[requests / 2] / 1e6, nanos[(int) Math.ceil(requests * 0.99) - 1] / 1e6,
                        nanos[requests - 1] / 1e6,
                        (MetricsText.sum(m1, "hearth_telemetry_messages_total", out) - MetricsText.sum(m0, "hearth_telemetry_messages_total", out)) / secs,
                        (telemetry.get() - t0) / secs,
                        MetricsText.sum(m1, "hearth_driver_events_total", Map.of("counter", "device_events_dropped")),
                        100.0 * (c1 - c0) / (w1 - w0), ProcessProbe.loadAverage());
            }
        } finally {
            fleet.close();
            BenchClients.close(sub);
        }
    }
}
