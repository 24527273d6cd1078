package dev.hearth.simulator.nativedev;

import dev.hearth.config.SecretsFileWriter;
import dev.hearth.driver.api.DeviceSecret;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.ModelCatalog;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A set of simulated native devices on one address, each with its own port and a random 32-byte
 * key. Ids are {@code native-<kind>-<nnn>} ({@code native-lamp-001}), numbered across the fleet.
 */
public final class NativeFleet implements AutoCloseable {

    /**
     * What to start.
     *
     * @param count             how many devices
     * @param kinds             their kinds, cycled (lamp, plug, lamp, plug, ... for two kinds)
     * @param address           where they listen (a loopback address)
     * @param faultsById        faults to start with, by device id
     * @param faultsByKind      faults to start with, by kind (an id entry wins)
     * @param heartbeatInterval every device's heartbeat
     * @param reportInterval    every device's sensor report interval
     * @param seed              base seed: device {@code i} uses {@code seed + i}
     * @param protocolVersion   the LAN protocol every device speaks: 2 (default) or the insecure 1
     */
    public record Spec(int count, List<DeviceKind> kinds, InetAddress address, Map<String, Fault> faultsById,
                       Map<DeviceKind, Fault> faultsByKind, Duration heartbeatInterval, Duration reportInterval,
                       long seed, int protocolVersion) {
        public Spec {
            if (count < 0) throw new IllegalArgumentException("count must not be negative");
            kinds = List.copyOf(kinds);
            if (kinds.isEmpty()) throw new IllegalArgumentException("at least one device kind is needed");
            Objects.requireNonNull(address, "address");
            faultsById = Map.copyOf(faultsById);
            faultsByKind = Map.copyOf(faultsByKind);
            Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
            Objects.requireNonNull(reportInterval, "reportInterval");
            if (protocolVersion != 1 && protocolVersion != 2) throw new IllegalArgumentException("protocolVersion must be 1 or 2");
        }

        /** As before the protocol version was a choice: every device speaks v2. */
        public Spec(int count, List<DeviceKind> kinds, InetAddress address, Map<String, Fault> faultsById,
                    Map<DeviceKind, Fault> faultsByKind, Duration heartbeatInterval, Duration reportInterval, long seed) {
            this(count, kinds, address, faultsById, faultsByKind, heartbeatInterval, reportInterval, seed, 2);
        }

        public Spec withProtocolVersion(int version) {
            return new Spec(count, kinds, address, faultsById, faultsByKind, heartbeatInterval, reportInterval, seed, version);
        }

        /** {@code count} devices of every kind in turn on {@code address}; heartbeat 5 s, reports 2 s, no faults. */
        public static Spec of(int count, InetAddress address) {
            return new Spec(count, List.of(DeviceKind.values()), address, Map.of(), Map.of(),
                    Duration.ofSeconds(5), Duration.ofSeconds(2), 1L);
        }

        public Spec withKinds(List<DeviceKind> k) {
            return new Spec(count, k, address, faultsById, faultsByKind, heartbeatInterval, reportInterval, seed, protocolVersion);
        }

        public Spec withFaults(Map<String, Fault> byId, Map<DeviceKind, Fault> byKind) {
            return new Spec(count, kinds, address, byId, byKind, heartbeatInterval, reportInterval, seed, protocolVersion);
        }

        public Spec withTimings(Duration heartbeat, Duration report) {
            return new Spec(count, kinds, address, faultsById, faultsByKind, heartbeat, report, seed, protocolVersion);
        }
    }

    private final Map<String, SimulatedDevice> devices;
    private final ModelCatalog models;

    private NativeFleet(Map<String, SimulatedDevice> devices, ModelCatalog models) {
        this.devices = devices;
        this.models = models;
    }

    /** Starts every device of {@code spec} on {@code runtime}'s event loops (announcing them if it has an advertiser). */
    public static NativeFleet start(Spec spec, SimulatorRuntime runtime) {
        ModelCatalog models = ModelCatalog.fromClasspath(NativeFleet.class.getClassLoader());
        SecureRandom keys = new SecureRandom();
        Map<String, SimulatedDevice> devices = new LinkedHashMap<>();
        NativeFleet fleet = new NativeFleet(devices, models);
        try {
            for (int i = 0; i < spec.count(); i++) {
                DeviceKind kind = spec.kinds().get(i % spec.kinds().size());
                String id = deviceId(spec, i);
                DeviceModel model = models.find(kind.modelId())
                        .orElseThrow(() -> new IllegalStateException("model " + kind.modelId() + " is not on the class path"));
                byte[] key = new byte[32];
                keys.nextBytes(key);
                Fault fault = spec.faultsById().getOrDefault(id, spec.faultsByKind().getOrDefault(kind, Fault.NONE));
                SimulatedDeviceConfig config = SimulatedDeviceConfig.of(id, model, new DeviceSecret(key), spec.address())
                        .withTimings(spec.heartbeatInterval(), spec.reportInterval())
                        .withSeed(spec.seed() + i)
                        .withFault(fault)
                        .withProtocolVersion(spec.protocolVersion());
                SimulatedDevice device = new SimulatedDevice(config, runtime);
                devices.put(id, device);
                device.start();
            }
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    /** The id the {@code index}-th device (from 0) of {@code spec} gets: {@code native-<kind>-<index + 1, 3 digits>}. */
    public static String deviceId(Spec spec, int index) {
        DeviceKind kind = spec.kinds().get(index % spec.kinds().size());
        return String.format("native-%s-%03d", kind.shortName(), index + 1);
    }

    public List<SimulatedDevice> devices() {
        return List.copyOf(devices.values());
    }

    public List<String> ids() {
        return List.copyOf(devices.keySet());
    }

    /** The device with this id; throws NoSuchElementException naming it when there is none. */
    public SimulatedDevice device(String id) {
        SimulatedDevice d = devices.get(id);
        if (d == null) throw new NoSuchElementException("no simulated device " + id);
        return d;
    }

    /** Every device's key, by id. */
    public Map<String, DeviceSecret> keys() {
        Map<String, DeviceSecret> keys = new LinkedHashMap<>();
        devices.forEach((id, d) -> keys.put(id, d.key()));
        return keys;
    }

    /** The model catalog the devices were built from. */
    public ModelCatalog models() {
        return models;
    }

    /**
     * Writes the keys as a YAML secrets file the gateway's config can reference:
     * {@code devices:} then one {@code <id>: "<hex key>"} line per device. The file is created
     * owner-read/write only (0600) before any key is written; an existing file is replaced.
     */
    public void writeKeysFile(Path file) throws IOException {
        HexFormat hex = HexFormat.of();
        Map<String, String> keys = new LinkedHashMap<>();
        devices.forEach((id, d) -> keys.put(id, hex.formatHex(d.key().bytes())));
        SecretsFileWriter.writeDevices(file, "Hearth device secrets: native simulator keys. Keep private.", keys);
    }

    /** Stops every device (Goodbye to connected gateways). mDNS withdrawal is left to whoever closes the advertiser. */
    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (SimulatedDevice d : devices.values()) {
            try {
                d.stop(false);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) throw failures.get(0);
    }
}
