package dev.hearth.bench.miio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.protocols.miio.MiioPacketCodec;
import dev.hearth.simulator.miio.MiioDeviceKind;
import dev.hearth.simulator.miio.MiioFleet;
import dev.hearth.simulator.miio.SimulatedMiioDevice;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * miIO request round trip on loopback, in one run: (1) the floor, a plain DatagramSocket sending
 * the 32-byte hello to the simulated fan and waiting for its reply; (2) Hearth's driver session
 * sending {@code get_prop ["power"]} to the same device, each call issued from the previous one's
 * completion on the driver's I/O thread (an asynchronous client, like npm miio's event loop);
 * (2b) the same with a caller thread blocking on each call's future; (3) the npm {@code miio}
 * client sending the same call in an async loop. Every client makes {@code warmup} unmeasured
 * calls (the JIT needs tens of thousands to settle), then {@code count} measured ones. Latencies
 * in µs, p50/p99. Run inside a network namespace (127.0.0.2:54321):
 * <pre>unshare --net sh -c 'ip link set lo up && java -cp ... dev.hearth.bench.miio.MiioRoundTripBench [count] [warmup] [nodeDir]'</pre>
 * {@code -Dhearth.bench.nativeTransport=false} puts the driver and the simulator on NIO instead of epoll.
 */
public final class MiioRoundTripBench {

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        Path nodeDir = Path.of(args.length > 2 ? args[2] : "device-drivers/simulator/src/test/node");
        boolean nativeTransport = Boolean.parseBoolean(System.getProperty("hearth.bench.nativeTransport", "true"));
        Set<String> parts = Set.of(System.getProperty("hearth.bench.parts", "floor,hearth,npm").split(","));
        try (MiioFleet fleet = MiioFleet.start(MiioFleet.Options.of(1).withAnnounce(false).withNativeTransport(nativeTransport)
                .withKinds(List.of(MiioDeviceKind.LEGACY_FAN)))) {
            System.out.printf("nproc=%d count=%d warmup=%d transport=%s%n", Runtime.getRuntime().availableProcessors(), count, warmup,
                    fleet.transport());
            SimulatedMiioDevice fan = fleet.devices().get(0);
            Map<String, Double> p50 = new LinkedHashMap<>();
            if (parts.contains("floor")) {
                p50.put("floor on loop", report("raw UDP hello (on loop)", RawHelloLoop.run(fan.address(), nativeTransport, warmup, count)));
                p50.put("floor blocking", report("raw UDP hello (blocking)", rawHello(fan.address(), warmup, count)));
            }
            if (parts.contains("hearth")) {
                HearthRig rig = HearthRig.open(fan, nativeTransport);
                try {
                    p50.put("Hearth on loop", report("Hearth get_prop (on loop)", rig.chainedOnLoop(warmup, count)));
                    p50.put("Hearth blocking", report("Hearth get_prop (blocking)", rig.blockingCaller(warmup, count)));
                } finally {
                    rig.close();
                }
            }
            if (parts.contains("npm") && Files.isDirectory(nodeDir.resolve("node_modules/miio"))) {
                p50.put("npm", report("npm miio get_prop", npm(fan, nodeDir, warmup, count)));
            } else if (parts.contains("npm")) {
                System.out.println("npm miio: not installed in " + nodeDir + " (run npm ci there)");
            }
            ratio(p50, "Hearth on loop", "floor on loop");
            ratio(p50, "Hearth blocking", "floor blocking");
            ratio(p50, "Hearth on loop", "npm");
        }
    }

    /** Prints {@code a}'s p50 over {@code b}'s when both were measured. */
    private static void ratio(Map<String, Double> p50, String a, String b) {
        if (p50.containsKey(a) && p50.containsKey(b)) {
            System.out.printf("p50 %s / %s = %.2f%n", a, b, p50.get(a) / p50.get(b));
        }
    }

    static long[] rawHello(InetSocketAddress device, int warmup, int count) throws Exception {
        long[] nanos = new long[count];
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(MiioFleet.address(127, 0, 0, 1), 0))) {
            s.setSoTimeout(1000);
            byte[] hello = MiioPacketCodec.hello();
            byte[] buf = new byte[64];
            for (int i = -warmup; i < count; i++) {
                long t0 = System.nanoTime();
                s.send(new DatagramPacket(hello, hello.length, device));
                s.receive(new DatagramPacket(buf, buf.length));
                if (i >= 0) nanos[i] = System.nanoTime() - t0;
            }
        }
        return nanos;
    }

    static long[] npm(SimulatedMiioDevice fan, Path nodeDir, int warmup, int count) throws Exception {
        Path home = Files.createTempDirectory("npm-miio-home");
        ProcessBuilder pb = new ProcessBuilder("node", "bench.js", fan.address().getAddress().getHostAddress(),
                fan.token().toHex(), Integer.toString(warmup), Integer.toString(count)).directory(nodeDir.toFile());
        pb.environment().put("HOME", home.toString());
        Process p = pb.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) throw new IllegalStateException("npm miio failed: " + out);
        JsonNode micros = new ObjectMapper().readTree(out.substring(out.lastIndexOf('\n') + 1)).get("micros");
        long[] r = new long[micros.size()];
        for (int i = 0; i < r.length; i++) r[i] = Math.round(micros.get(i).asDouble() * 1000);
        return r;
    }

    /** Prints p50, p99, mean and max of {@code nanos} in µs, to 0.1 µs; returns the p50 in µs. */
    static double report(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        System.out.printf("%-26s n=%d p50=%.1f us p99=%.1f us mean=%.1f us max=%.0f us%n", name, sorted.length,
                sorted[sorted.length / 2] / 1e3, sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e3, mean / 1e3,
                sorted[sorted.length - 1] / 1e3);
        return sorted[sorted.length / 2] / 1e3;
    }
}
