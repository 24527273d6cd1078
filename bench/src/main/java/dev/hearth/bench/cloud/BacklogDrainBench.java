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
 * {@code ./hearth bench backlog-drain}: the broker is stopped while simulated devices report
 * {@code --messages} telemetry (default 360,000: one hour of a 100-device home at one change every
 * second) into the gateway's durable outbox; then the broker starts again and the bench times the
 * drain: from the broker's start until the outbox is empty, and the rate at a subscriber from the
 * first to the last telemetry message. The gateway runs with {@code -Xmx128m} by default; its heap
 * is sampled from {@code /metrics} during the drain, and once after a forced GC. Then, in the same
 * run on the same broker, the floor: a bare Paho v5 QoS 1 publisher of the same message size.
 */
@Command(name = "backlog-drain", mixinStandardHelpOptions = true,
        description = "Outbox backlog (broker down) -> broker up: drain time and rate beside a bare Paho publisher, gateway heap.")
public final class BacklogDrainBench implements Callable<Integer> {
    @Option(names = "--devices", defaultValue = "200", description = "simulated plugs and sensors (default ${DEFAULT-VALUE})")
    int devices;

    @Option(names = "--report-ms", defaultValue = "10", description = "each device's report interval, ms (default ${DEFAULT-VALUE})")
    int reportMs;

    @Option(names = "--messages", defaultValue = "360000", description = "telemetry queued while the broker is down (default ${DEFAULT-VALUE})")
    int messages;

    @Option(names = "--floor-messages", defaultValue = "60000", description = "messages of the floor (default ${DEFAULT-VALUE})")
    int floorMessages;

    @Option(names = "--xmx", defaultValue = "128m", description = "the gateway JVM's -Xmx (default ${DEFAULT-VALUE})")
    String xmx;

    @Option(names = "--gateway-classpath", description = "class path of the gateway JVM (default: gateway-core/target of this checkout)")
    Optional<String> gatewayClasspath;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BacklogDrainBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        SimulatorLogs.quiet();
        GatewayLaunch launch = GatewayLaunch.locate(gatewayClasspath, List.of("-Xmx" + xmx));
        ProcessProbe probe = new ProcessProbe(launch.jcmd());
        System.out.printf("nproc=%d load average before: %s%n", Runtime.getRuntime().availableProcessors(), ProcessProbe.loadAverage());
        System.out.printf("devices=%d reporting every %d ms; %d telemetry queued with the broker down; gateway -Xmx%s%n",
                devices, reportMs, messages, xmx);
        InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        NativeFleet.Spec spec = NativeFleet.Spec.of(devices, loopback).withKinds(List.of(DeviceKind.PLUG, DeviceKind.SENSOR))
                .withTimings(Duration.ofSeconds(5), Duration.ofMillis(reportMs));
        CloudTopics topics = CloudTopics.of("bench-home", "bench-gw");
        try (var broker = new BenchMosquitto(); SimulatorRuntime runtime = SimulatorRuntime.system(Optional.empty());
             BenchWorkspace ws = BenchWorkspace.create("hearth-bench-drain-")) {
            NativeFleet fleet = NativeFleet.start(spec, runtime);
            GatewayConfigFile.write(ws, fleet, "cloud: { broker: \"" + broker.uri() + "\", keepAlive: 30s, "
                    + "reconnect: { min: 1s, max: 2s }, outbox: { maxMessages: " + (messages + 40_000) + ", maxBytes: 256MB } }\n");
            try (GatewayProcess gw = GatewayProcess.start(launch, ws)) {
                gw.awaitApi(Duration.ofSeconds(60));
                if (gw.awaitOnline(devices, System.nanoTime(), Duration.ofSeconds(60)).isEmpty()) {
                    throw new IllegalStateException("not every device came online; gateway log:\n" + gw.logTail());
                }
                broker.stop();
                try {
                    drain(gw, probe, broker, fleet, topics);
                } catch (java.io.IOException | RuntimeException e) {
                    System.out.println("FAILED: " + e + "; gateway log:\n" + gw.logTail());
                    return 1;
                }
            }
        }
        return 0;
    }

    private void drain(GatewayProcess gw, ProcessProbe probe, BenchMosquitto broker, NativeFleet fleet, CloudTopics topics)
            throws Exception {
        {
            {
                double out0 = metric(gw, "hearth_telemetry_messages_total", Map.of("direction", "out"));
                long fillStart = System.nanoTime();
                double out = out0;
                int polls = 0;
                while (out - out0 < messages) {
                    Thread.sleep(200); // the bench's own pacing
                    String fm = gw.get("/metrics");
                    out = MetricsText.sum(fm, "hearth_telemetry_messages_total", Map.of("direction", "out"));
                    if (++polls % 25 == 0) {
                        System.out.printf("  ... %.0f queued after %.0f s, heap used %.1f MB%n", out - out0,
                                (System.nanoTime() - fillStart) / 1e9, heapMb(fm));
                    }
                    if (System.nanoTime() - fillStart > 600_000_000_000L) throw new IllegalStateException("intake too slow");
                }
                fleet.close(); // the hour is over: the devices stop reporting
                double fillSecs = (System.nanoTime() - fillStart) / 1e9;
                Thread.sleep(2_000); // the last reports and the offline births reach the outbox
                String m = gw.get("/metrics");
                double held = MetricsText.sum(m, "hearth_outbox_messages", Map.of());
                System.out.printf("intake: %.0f telemetry to the outbox in %.1f s (%.0f/s); outbox holds %.0f; dropped by the outbox %.0f, "
                                + "device events dropped %.0f; heap used %.1f MB (load average %s)%n",
                        out - out0, fillSecs, (out - out0) / fillSecs, held, MetricsText.sum(m, "hearth_outbox_dropped_total", Map.of()),
                        MetricsText.sum(m, "hearth_driver_events_total", Map.of("counter", "device_events_dropped")),
                        heapMb(m), ProcessProbe.loadAverage());

                var received = new AtomicLong();
                var bytes = new AtomicLong();
                var first = new AtomicLong();
                var last = new AtomicLong();
                long brokerStart = System.nanoTime();
                broker.start();
                MqttAsyncClient sub = BenchClients.connect(broker.uri(), "drain-sub", (t, msg) -> {
                    if (t.endsWith("/telemetry")) {
                        long now = System.nanoTime();
                        first.compareAndSet(0, now);
                        last.set(now);
                        received.incrementAndGet();
                        bytes.addAndGet(msg.getPayload().length);
                    }
                });
                sub.subscribe(topics.root() + "/devices/#", 1).waitForCompletion(10_000);
                double maxHeap = 0;
                String gcHeap = "";
                boolean gcDone = false;
                while (true) {
                    m = gw.get("/metrics");
                    maxHeap = Math.max(maxHeap, heapMb(m));
                    held = MetricsText.sum(m, "hearth_outbox_messages", Map.of());
                    if (!gcDone && received.get() > messages / 2) {
                        probe.forceGc(gw.pid());
                        gcHeap = String.format("%.1f MB after a forced GC with %d of %d delivered (%s)",
                                heapMb(gw.get("/metrics")), received.get(), messages, probe.heapInfo(gw.pid()));
                        gcDone = true;
                    }
                    if (held == 0) break;
                    if (System.nanoTime() - brokerStart > 900_000_000_000L) throw new IllegalStateException("not drained in 15 min");
                    Thread.sleep(100); // the bench's own pacing
                }
                double drainSecs = (System.nanoTime() - brokerStart) / 1e9;
                Thread.sleep(1_000); // the last messages in flight reach the subscriber
                BenchClients.close(sub);
                long n = received.get();
                double rate = n / Math.max(1e-9, (last.get() - first.get()) / 1e9);
                int meanSize = (int) Math.round((double) bytes.get() / Math.max(1, n));
                System.out.printf("drain: outbox empty %.1f s after the broker started (first telemetry at the subscriber after %.1f s); "
                                + "%d telemetry at the subscriber, %.0f msg/s from first to last (mean payload %d bytes) (load average %s)%n",
                        drainSecs, (first.get() - brokerStart) / 1e9, n, rate, meanSize, ProcessProbe.loadAverage());
                System.out.printf("drain: gateway heap used at most %.1f MB (sampled every 100 ms, -Xmx%s); %s%n", maxHeap, xmx, gcHeap);
                double floor = TelemetryThroughputBench.floor(broker.uri(), floorMessages, meanSize, 1);
                System.out.printf("FLOOR: bare Paho v5 QoS 1, %d messages of %d bytes, window 20: %.0f msg/s (load average %s)%n",
                        floorMessages, meanSize, floor, ProcessProbe.loadAverage());
                System.out.printf("drain / floor = %.0f%% (target >= 60%%: %s); heap at most %.1f MB (target <= 128 MB: %s)%n",
                        100 * rate / floor, rate >= 0.6 * floor ? "met" : "NOT met", maxHeap, maxHeap <= 128 ? "met" : "NOT met");
            }
        }
    }

    private static double metric(GatewayProcess gw, String name, Map<String, String> labels) throws Exception {
        return MetricsText.sum(gw.get("/metrics"), name, labels);
    }

    private static double heapMb(String metrics) {
        return MetricsText.sum(metrics, "jvm_memory_used_bytes", Map.of("area", "heap")) / 1048576.0;
    }
}
