package dev.hearth.bench;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ./hearth bench NAME [ARGS]}: runs one benchmark by name. {@code jmh} runs JMH with the
 * given arguments (e.g. {@code ./hearth bench jmh AccessPolicyBench -f 1}); the others are load
 * programs with a {@code main}. BENCHMARKS.md has the command behind every number.
 */
public final class BenchMain {
    private static final Map<String, String> PROGRAMS = new TreeMap<>(Map.ofEntries(
            Map.entry("jmh", "org.openjdk.jmh.Main"),
            Map.entry("devices", "dev.hearth.bench.devices.DeviceFleetBench"),
            Map.entry("offline-latency", "dev.hearth.bench.devices.OfflineLatencyBench"),
            Map.entry("cloud-throughput", "dev.hearth.bench.cloud.TelemetryThroughputBench"),
            Map.entry("cloud-rtt", "dev.hearth.bench.cloud.CommandRoundTripBench"),
            Map.entry("cloud-gateway-throughput", "dev.hearth.bench.cloud.GatewayTelemetryBench"),
            Map.entry("cloud-gateway-rtt", "dev.hearth.bench.cloud.GatewayCommandRoundTripBench"),
            Map.entry("fleet", "dev.hearth.bench.cloud.FleetBench"),
            Map.entry("backlog-drain", "dev.hearth.bench.cloud.BacklogDrainBench"),
            Map.entry("api-latency", "dev.hearth.bench.cloud.ApiLatencyBench"),
            Map.entry("miio-rtt", "dev.hearth.bench.miio.MiioRoundTripBench"),
            Map.entry("privacy-cpu", "dev.hearth.bench.privacy.PrivacyFilterCpuTime"),
            Map.entry("return-to-online", "dev.hearth.bench.devices.ReturnToOnlineBench")));

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !PROGRAMS.containsKey(args[0])) {
            System.err.println("usage: ./hearth bench NAME [ARGS]; NAME is one of " + PROGRAMS.keySet());
            System.exit(2);
        }
        Method main = Class.forName(PROGRAMS.get(args[0])).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }
}
