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
import java.util.List;
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
        try (MiioFleet fleet = MiioFleet.start(MiioFleet.Options.of(1).withAnnounce(false).withNativeTransport(nativeTransport)
                .withKinds(List.of(MiioDeviceKind.LEGACY_FAN)))) {
            System.out.printf("nproc=%d count=%d warmup=%d transport=%s%n", Runtime.getRuntime().availableProcessors(), count, warmup,
                    fleet.transport());
            SimulatedMiioDevice fan = fleet.devices().get(0);
            report("raw UDP hello (floor)", rawHello(fan.address(), warmup, count));
            HearthRig rig = HearthRig.open(fan, nativeTransport);
            try {
                report("Hearth get_prop (on loop)", rig.chainedOnLoop(warmup, count));
                report("Hearth get_prop (blocking)", rig.blockingCaller(warmup, count));
            } finally {
                rig.close();
            }
            if (Files.isDirectory(nodeDir.resolve("node_modules/miio"))) {
                report("npm miio get_prop", npm(fan, nodeDir, warmup, count));
            } else {
                System.out.println("npm miio: not installed in " + nodeDir + " (run npm ci there)");
            }
        }
    }

    static long[] rawHello(InetSocketAddress device, int warmup, int count) throws Exception {
        long[] micros = new long[count];
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(MiioFleet.address(127, 0, 0, 1), 0))) {
            s.setSoTimeout(1000);
            byte[] hello = MiioPacketCodec.hello();
            byte[] buf = new byte[64];
            for (int i = -warmup; i < count; i++) {
                long t0 = System.nanoTime();
                s.send(new DatagramPacket(hello, hello.length, device));
                s.receive(new DatagramPacket(buf, buf.length));
                if (i >= 0) micros[i] = (System.nanoTime() - t0) / 1000;
            }
        }
        return micros;
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
        for (int i = 0; i < r.length; i++) r[i] = Math.round(micros.get(i).asDouble());
        return r;
    }

    static void report(String name, long[] micros) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        System.out.printf("%-26s n=%d p50=%d us p99=%d us mean=%.1f us max=%d us%n", name, sorted.length,
                sorted[sorted.length / 2], sorted[(int) Math.ceil(sorted.length * 0.99) - 1], mean, sorted[sorted.length - 1]);
    }
}
