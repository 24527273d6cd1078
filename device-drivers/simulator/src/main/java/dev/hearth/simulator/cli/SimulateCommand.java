package dev.hearth.simulator.cli;

import dev.hearth.config.SecretsFileWriter;
import dev.hearth.simulator.mdns.MdnsAdvertiser;
import dev.hearth.simulator.miio.MiioFleet;
import dev.hearth.simulator.miio.SimulatedMiioDevice;
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
 * {@code hearth simulate}: runs simulated devices on local addresses until Ctrl-C, announced by
 * mDNS unless {@code --no-mdns}: native-protocol devices on {@code --address}, miIO devices each on
 * its own 127.0.0.x (see {@link MiioSection}). One secrets file ({@code --keys-file}) holds every
 * device's key or token.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Runs simulated devices on a local address until interrupted (Ctrl-C).")
public final class SimulateCommand implements Callable<Integer> {

    /** How the command waits once its devices are up; the default waits for Ctrl-C. */
    @FunctionalInterface
    interface StopSignal {
        void await() throws Exception;
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

    @Option(names = "--miio", paramLabel = "N", defaultValue = "0",
            description = "How many miIO devices to run, each on its own 127.0.0.x address at UDP port 54321.")
    int miioCount;

    @Option(names = "--miio-kinds", split = ",", paramLabel = "KIND", defaultValue = "fan,plug",
            description = "miIO device kinds, cycled over the devices: fan (legacy zhimi.fan.v3), plug (MIoT cuco.plug.v3).")
    List<String> miioKinds;

    @Option(names = "--miio-address", defaultValue = "127.0.0.2",
            description = "Address of the first miIO device; the others take the next ones (with mDNS each must be on lo).")
    String miioAddress;

    @Option(names = "--keys-file", paramLabel = "FILE",
            description = "Write device keys and miIO tokens to this YAML secrets file (0600) instead of printing them.")
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

    @Option(names = "--protocol-version", defaultValue = "2",
            description = "LAN protocol of the native devices: 2 (sealed) or 1 (insecure; a gateway accepts it only with devices.allowInsecureV1).")
    int protocolVersion;

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
        InetAddress bind = ipv4(address, "--address");
        NativeFleet.Spec nativeSpec = nativeSpec(bind);
        MiioFleet.Options miioSpec = orUsage(() -> MiioSection.options(miioCount, miioKinds, ipv4(miioAddress, "--miio-address"), mdns));
        List<InetAddress> miioAddresses = MiioSection.addresses(miioSpec);
        if (nativeCount > 0 && miioAddresses.contains(bind)) {
            throw usage("--address " + bind.getHostAddress() + " is also a miIO device's address: move --miio-address");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (mdns && miioSpec.count() > 0) {
            List<InetAddress> missing = MiioSection.unassigned(miioAddresses);
            if (!missing.isEmpty()) return fail(MiioSection.missingAddressHelp(missing));
        }
        Optional<MdnsAdvertiser> advertiser = mdns && nativeCount > 0
                ? Optional.of(MdnsAdvertiser.on(bind, "hearth-simulator")) : Optional.empty();
        try (SimulatorRuntime runtime = SimulatorRuntime.system(advertiser)) {
            NativeFleet fleet = NativeFleet.start(nativeSpec, runtime);
            Optional<MiioFleet> miio = Optional.empty();
            try {
                if (miioSpec.count() > 0) {
                    try {
                        miio = Optional.of(MiioFleet.start(miioSpec));
                    } catch (IOException e) {
                        return fail("cannot start the miIO devices: " + e.getMessage());
                    }
                }
                if (keysFile.isPresent()) writeSecrets(fleet, miio, keysFile.get(), out);
                if (nativeCount > 0 || miioSpec.count() == 0) printNative(fleet, out);
                miio.ifPresent(m -> MiioSection.print(m, keysFile.isEmpty(), mdns, out));
                out.flush();
                awaitStop();
            } finally {
                try {
                    if (miio.isPresent()) miio.get().close();
                } finally {
                    fleet.close();
                    cleaned.countDown();
                }
            }
        } finally {
            if (advertiser.isPresent()) advertiser.get().close();
        }
        return 0;
    }

    /** An error of the environment, not of the arguments: a message and exit code 1, no usage text. */
    private int fail(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("hearth simulate: " + message);
        err.flush();
        return 1;
    }

    private static void writeSecrets(NativeFleet fleet, Optional<MiioFleet> miio, Path file, PrintWriter out) throws IOException {
        Map<String, String> secrets = new LinkedHashMap<>();
        HexFormat hex = HexFormat.of();
        for (SimulatedDevice d : fleet.devices()) add(secrets, d.deviceId(), hex.formatHex(d.key().bytes()));
        int nativeKeys = secrets.size();
        if (miio.isPresent()) {
            for (SimulatedMiioDevice d : miio.get().devices()) add(secrets, d.gatewayDeviceId(), d.token().toHex());
        }
        SecretsFileWriter.writeDevices(file, "Hearth device secrets: simulator keys and tokens. Keep private.", secrets);
        out.println("device secrets written to " + file + " (" + nativeKeys + " native key(s), "
                + (secrets.size() - nativeKeys) + " miIO token(s))");
    }

    /** An id given twice is a programming error: one would silently lose its secret. */
    private static void add(Map<String, String> secrets, String deviceId, String hex) {
        if (secrets.putIfAbsent(deviceId, hex) != null) throw new IllegalArgumentException("device id twice: " + deviceId);
    }

    private final CountDownLatch interrupted = new CountDownLatch(1);
    private final CountDownLatch cleaned = new CountDownLatch(1);

    /** Waits for the test's signal, or for Ctrl-C: the hook lets the devices say Goodbye before the JVM exits. */
    private void awaitStop() throws Exception {
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
        if (protocolVersion != 1 && protocolVersion != 2) throw usage("--protocol-version must be 1 or 2, got " + protocolVersion);
        NativeFleet.Spec base = new NativeFleet.Spec(nativeCount, parsedKinds, bind, Map.of(), Map.of(), hb, report, seed, protocolVersion);
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

    private void printNative(NativeFleet fleet, PrintWriter out) {
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

    private InetAddress ipv4(String text, String option) {
        String[] parts = text.strip().split("\\.");
        if (parts.length != 4) throw usage(option + " must be an IPv4 address such as 127.0.0.1, got '" + text + "'");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            try {
                int v = Integer.parseInt(parts[i]);
                if (v < 0 || v > 255) throw new NumberFormatException();
                b[i] = (byte) v;
            } catch (NumberFormatException e) {
                throw usage(option + " must be an IPv4 address such as 127.0.0.1, got '" + text + "'");
            }
        }
        try {
            // from raw bytes, so no reverse-DNS lookup (jmdns and the sockets get the address as given)
            return InetAddress.getByAddress("simulator", b);
        } catch (UnknownHostException e) {
            throw usage(option + ": " + e.getMessage());
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
