package dev.hearth.simulator.miio;

import dev.hearth.config.SecretsFileWriter;
import dev.hearth.protocols.miio.MiioToken;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * N simulated miIO devices of mixed kinds on 127.0.0.2, .3, … (port 54321, as third-party clients
 * require), each with a random token and device id, all on one I/O thread.
 *
 * <pre>{@code
 * try (MiioFleet fleet = MiioFleet.start(MiioFleet.Options.of(10))) {
 *     fleet.writeSecretsFile(dir.resolve("miio-secrets.yaml"));
 *     SimulatedMiioDevice fan = fleet.devices().get(0);
 *     fan.faults().silent(true);
 * }
 * }</pre>
 */
public final class MiioFleet implements Closeable {

    /**
     * @param count          how many devices
     * @param kinds          kinds used in turn (device i is {@code kinds[i % size]})
     * @param firstAddress   the first device's IPv4 address; the others follow it
     * @param port           UDP port of every device (54321 for real clients; 0 for any free port)
     * @param announce       whether each device announces itself by mDNS (only inside a network namespace)
     * @param nativeTransport whether the devices' I/O thread uses Netty's native epoll transport where it loads
     */
    public record Options(int count, List<MiioDeviceKind> kinds, InetAddress firstAddress, int port, boolean announce,
                          boolean nativeTransport) {
        public Options {
            if (count < 0 || count > 250) throw new IllegalArgumentException("a fleet has 0-250 devices: " + count);
            kinds = List.copyOf(kinds);
            if (kinds.isEmpty()) throw new IllegalArgumentException("at least one device kind");
            Objects.requireNonNull(firstAddress, "firstAddress");
            if (firstAddress.getAddress().length != 4 || firstAddress.getAddress()[0] != 127) {
                throw new IllegalArgumentException("simulated devices live on 127.0.0.0/8 only");
            }
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        }

        /** Options on Netty's native transport where the platform has it. */
        public Options(int count, List<MiioDeviceKind> kinds, InetAddress firstAddress, int port, boolean announce) {
            this(count, kinds, firstAddress, port, announce, true);
        }

        /** {@code count} devices alternating fan and plug from 127.0.0.2:54321, announced by mDNS. */
        public static Options of(int count) {
            return new Options(count, List.of(MiioDeviceKind.values()), address(127, 0, 0, 2), 54321, true, true);
        }

        public Options withAnnounce(boolean announce) {
            return new Options(count, kinds, firstAddress, port, announce, nativeTransport);
        }

        public Options withKinds(List<MiioDeviceKind> kinds) {
            return new Options(count, kinds, firstAddress, port, announce, nativeTransport);
        }

        public Options startingAt(InetAddress firstAddress) {
            return new Options(count, kinds, firstAddress, port, announce, nativeTransport);
        }

        public Options withNativeTransport(boolean nativeTransport) {
            return new Options(count, kinds, firstAddress, port, announce, nativeTransport);
        }
    }

    private final DatagramLoop group;
    private final List<SimulatedMiioDevice> devices;

    private MiioFleet(DatagramLoop group, List<SimulatedMiioDevice> devices) {
        this.group = group;
        this.devices = List.copyOf(devices);
    }

    /** Starts the devices (and their mDNS announcements, if asked). */
    public static MiioFleet start(Options options) throws IOException {
        return start(options, Clock.systemUTC());
    }

    public static MiioFleet start(Options options, Clock clock) throws IOException {
        SecureRandom random = new SecureRandom();
        DatagramLoop group = DatagramLoop.start(options.nativeTransport());
        List<SimulatedMiioDevice> started = new ArrayList<>();
        try {
            byte[] base = options.firstAddress().getAddress();
            int first = ((base[1] & 0xff) << 16) | ((base[2] & 0xff) << 8) | (base[3] & 0xff);
            for (int i = 0; i < options.count(); i++) {
                int n = first + i;
                InetAddress ip = address(127, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
                byte[] token = new byte[MiioToken.LENGTH];
                random.nextBytes(token);
                long did = 100_000_000L + random.nextInt(900_000_000);
                MiioDeviceKind kind = options.kinds().get(i % options.kinds().size());
                started.add(SimulatedMiioDevice.start(kind, did, MiioToken.of(token), new InetSocketAddress(ip, options.port()),
                        MiioFaults.none(), group, clock));
            }
            if (options.announce()) {
                for (SimulatedMiioDevice d : started) d.announce();
            }
            return new MiioFleet(group, started);
        } catch (IOException | RuntimeException e) {
            // the devices started so far share the fleet's I/O thread: stop them with it
            new MiioFleet(group, started).close();
            throw e;
        }
    }

    /** The devices' I/O transport: "epoll" or "nio". */
    public String transport() {
        return group.name();
    }

    public List<SimulatedMiioDevice> devices() {
        return devices;
    }

    /** The device with this gateway id ({@code miio-<did>}). */
    public java.util.Optional<SimulatedMiioDevice> device(String gatewayDeviceId) {
        return devices.stream().filter(d -> d.gatewayDeviceId().equals(gatewayDeviceId)).findFirst();
    }

    /**
     * Writes the devices' tokens as YAML ({@code devices: {miio-<did>: <hex token>}}), readable
     * by its owner only: the shape of the gateway's secrets file.
     */
    public void writeSecretsFile(Path file) throws IOException {
        java.util.Map<String, String> tokens = new java.util.LinkedHashMap<>();
        for (SimulatedMiioDevice d : devices) tokens.put(d.gatewayDeviceId(), d.token().toHex());
        SecretsFileWriter.writeDevices(file, "Hearth device secrets: simulated miIO tokens. Keep private.", tokens);
    }

    /** Stops every device and the I/O thread. */
    @Override
    public void close() throws IOException {
        // withdrawing an mDNS announcement blocks for seconds inside jmdns: stop the devices side by side, not in turn
        ExecutorService closers = Executors.newFixedThreadPool(Math.max(1, Math.min(devices.size(), 32)), r -> {
            Thread t = new Thread(r, "miio-fleet-close");
            t.setDaemon(true);
            return t;
        });
        IOException first = null;
        try {
            List<Future<?>> closing = new ArrayList<>();
            for (SimulatedMiioDevice d : devices) {
                closing.add(closers.submit(() -> {
                    d.close();
                    return null;
                }));
            }
            for (Future<?> f : closing) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    IOException failure = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                    if (first == null) first = failure;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    if (first == null) first = new java.io.InterruptedIOException("interrupted while stopping the fleet");
                    break;
                }
            }
        } finally {
            closers.shutdown();
            group.stop();
        }
        if (first != null) throw first;
    }

    /** An IPv4 address from its four parts, made without a DNS lookup. */
    public static InetAddress address(int a, int b, int c, int d) {
        try {
            // from raw bytes: no reverse-DNS lookup
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
