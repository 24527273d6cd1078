package dev.hearth.bench.devices;

import dev.hearth.simulator.nativedev.NativeFleet;
import dev.hearth.simulator.nativedev.SimulatedDevice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * Writes a gateway configuration with one static {@code devices:} entry per simulated device
 * (keys by {@code ref} into the secrets file the fleet writes), mDNS off, the local API on a free
 * loopback port, no cloud unless the caller appends a section.
 */
public final class GatewayConfigFile {
    private GatewayConfigFile() {
    }

    static void write(BenchWorkspace ws, NativeFleet fleet) throws IOException {
        write(ws, fleet, "");
    }

    /** As {@link #write(BenchWorkspace, NativeFleet)}, with {@code extraSections} (YAML, e.g. a {@code cloud:} section) appended. */
    public static void write(BenchWorkspace ws, NativeFleet fleet, String extraSections) throws IOException {
        write(ws, fleet, extraSections, "cloud");
    }

    /** As above, with {@code home.trust} set to {@code trust} ({@code cloud} or {@code users}). */
    public static void write(BenchWorkspace ws, NativeFleet fleet, String extraSections, String trust) throws IOException {
        fleet.writeKeysFile(ws.secretsFile());
        StringBuilder y = new StringBuilder()
                .append("home: { id: bench-home, owner: u1, trust: ").append(trust).append(" }\n")
                .append("gateway: { id: bench-gw, dataDir: \"").append(ws.dataDir()).append("\" }\n")
                .append("discovery: { enabled: false }\n")
                .append("http: { enabled: true, bind: 127.0.0.1, port: 0 }\n")
                .append("devices:\n");
        for (SimulatedDevice d : fleet.devices()) {
            y.append("  - { id: ").append(d.deviceId())
                    .append(", protocol: native, model: ").append(d.model().model())
                    .append(", address: \"127.0.0.1:").append(d.port())
                    .append("\", secret: { ref: ").append(d.deviceId()).append(" } }\n");
        }
        y.append(extraSections);
        Files.writeString(ws.configFile(), y, StandardCharsets.UTF_8);
    }
}
