package dev.hearth.simulator.cli;

import dev.hearth.simulator.mdns.MdnsAdvertiser;
import dev.hearth.simulator.nativedev.DeviceKind;
import dev.hearth.simulator.nativedev.Fault;
import dev.hearth.simulator.nativedev.NativeFleet;
import dev.hearth.simulator.nativedev.SimulatedDevice;
import dev.hearth.simulator.nativedev.SimulatorRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code hearth simulate}: runs simulated devices on a local address until Ctrl-C, announced by
 * mDNS unless {@code --no-mdns}. Each protocol's devices are one section of {@link #call()}.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Runs simulated devices on a local address until interrupted (Ctrl-C).")
public final class SimulateCommand implements Callable<Integer> {

    /** How the command waits once its devices are up; the default waits for Ctrl-C. */
    @FunctionalInterface
    interface StopSignal {
        void await() throws InterruptedException;
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--native", paramLabel = "N", defaultValue = "0", description = "How many native-protocol devices to run.")
    int nativeCount;

    @Option(names = "--kinds", split = ",", paramLabel = "KIND", defaultValue = "lamp,plug,sensor,lock,vacuum",
            description = "Device kinds, cycled over the devices: lamp, plug, sensor, lock, vacuum.")
    List<String> kinds;

    @Option(names = "--faults", split = ",", paramLabel = "ID=FAULT|KIND:FAULT",
            description = "Faults to start with: NONE, SILENT, CLOSE, FLAP/5s, SLOW/500ms, GARBAGE, OVERSIZED[/bytes], WRONG_KEY, FLOOD/n.")
    List<String> faults = List.of();

    @Option(names = "--keys-file", paramLabel = "FILE", description = "Write device keys to this YAML secrets file (0600) instead of printing them.")
    Optional<Path> keysFile = Optional.empty();

    @Option(names = "--address", defaultValue = "127.0.0.1", description = "IPv4 address to listen and announce on.")
    String address;

    @Option(names = "--mdns", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Announce the devices by mDNS on the address (default: on).")
    boolean mdns;

    @Option(names = "--heartbeat", defaultValue = "5s", description = "Heartbeat interval of every device.")
    String heartbeat;

    @Option(names = "--report-interval", defaultValue = "2s", description = "How often sensors report.")
    String reportInterval;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for the devices' behaviour.")
    long seed;

    private final Optional<StopSignal> stop;

    /** For picocli: runs until Ctrl-C. */
    public SimulateCommand() {
        this.stop = Optional.empty();
    }

    /** Runs until {@code stop} returns (tests). */
    SimulateCommand(StopSignal stop) {
        this.stop = Optional.of(stop);
    }

    @Override
    public Integer call() throws Exception {
        InetAddress bind = ipv4(address);
        NativeFleet.Spec nativeSpec = nativeSpec(bind);
        PrintWriter out = spec.commandLine().getOut();
        Optional<MdnsAdvertiser> advertiser = mdns && nativeCount > 0
                ? Optional.of(MdnsAdvertiser.on(bind, "hearth-simulator")) : Optional.empty();
        try (SimulatorRuntime runtime = SimulatorRuntime.system(advertiser)) {
            NativeFleet fleet = NativeFleet.start(nativeSpec, runtime);
            try {
                printNative(fleet, out);
                out.flush();
                awaitStop();
            } finally {
                fleet.close();
                cleaned.countDown();
            }
        } finally {
            if (advertiser.isPresent()) advertiser.get().close();
        }
        return 0;
    }

    private final CountDownLatch interrupted = new CountDownLatch(1);
    private final CountDownLatch cleaned = new CountDownLatch(1);

    /** Waits for the test's signal, or for Ctrl-C: the hook lets the devices say Goodbye before the JVM exits. */
    private void awaitStop() throws InterruptedException {
        if (stop.isPresent()) {
            stop.get().await();
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            interrupted.countDown();
            try {
                cleaned.await(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "simulate-shutdown"));
        interrupted.await();
        spec.commandLine().getOut().println("stopping simulated devices");
    }

    private NativeFleet.Spec nativeSpec(InetAddress bind) {
        if (nativeCount < 0 || nativeCount > 10_000) throw usage("--native must be between 0 and 10000, got " + nativeCount);
        List<DeviceKind> parsedKinds = new ArrayList<>();
        for (String k : kinds) parsedKinds.add(orUsage(() -> DeviceKind.parse(k)));
        Duration hb = orUsage(() -> Fault.duration(heartbeat));
        Duration report = orUsage(() -> Fault.duration(reportInterval));
        NativeFleet.Spec base = new NativeFleet.Spec(nativeCount, parsedKinds, bind, Map.of(), Map.of(), hb, report, seed);
        Set<String> ids = new java.util.LinkedHashSet<>();
        for (int i = 0; i < nativeCount; i++) ids.add(NativeFleet.deviceId(base, i));
        Map<String, Fault> byId = new LinkedHashMap<>();
        Map<DeviceKind, Fault> byKind = new LinkedHashMap<>();
        for (String entry : faults) {
            int eq = entry.indexOf('=');
            int colon = entry.indexOf(':');
            if (eq > 0) {
                String id = entry.substring(0, eq).strip();
                if (!ids.contains(id)) throw usage("--faults names device " + id + ", which this run does not start");
                byId.put(id, orUsage(() -> Fault.parse(entry.substring(eq + 1))));
            } else if (colon > 0) {
                DeviceKind kind = orUsage(() -> DeviceKind.parse(entry.substring(0, colon)));
                byKind.put(kind, orUsage(() -> Fault.parse(entry.substring(colon + 1))));
            } else {
                throw usage("--faults entry '" + entry + "' must be ID=FAULT or KIND:FAULT");
            }
        }
        return base.withFaults(byId, byKind);
    }

    private void printNative(NativeFleet fleet, PrintWriter out) throws IOException {
        if (keysFile.isPresent()) {
            fleet.writeKeysFile(keysFile.get());
            out.println("native device keys written to " + keysFile.get());
        }
        HexFormat hex = HexFormat.of();
        for (SimulatedDevice d : fleet.devices()) {
            String line = String.format("%-20s %-20s %s:%d  fault=%s", d.deviceId(), d.model().model(),
                    address, d.port(), d.fault().getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT));
            // keys go to the terminal only when the user asked for no file
            if (keysFile.isEmpty()) line += "  key=" + hex.formatHex(d.key().bytes());
            out.println(line);
        }
        out.println(fleet.devices().size() + " native device(s) running" + (mdns ? ", announced by mDNS" : "") + "; Ctrl-C to stop");
    }

    private InetAddress ipv4(String text) {
        String[] parts = text.strip().split("\\.");
        if (parts.length != 4) throw usage("--address must be an IPv4 address such as 127.0.0.1, got '" + text + "'");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            try {
                int v = Integer.parseInt(parts[i]);
                if (v < 0 || v > 255) throw new NumberFormatException();
                b[i] = (byte) v;
            } catch (NumberFormatException e) {
                throw usage("--address must be an IPv4 address such as 127.0.0.1, got '" + text + "'");
            }
        }
        try {
            // from raw bytes, so no reverse-DNS lookup (jmdns and the sockets get the address as given)
            return InetAddress.getByAddress("simulator", b);
        } catch (UnknownHostException e) {
            throw usage("--address: " + e.getMessage());
        }
    }

    private <T> T orUsage(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
