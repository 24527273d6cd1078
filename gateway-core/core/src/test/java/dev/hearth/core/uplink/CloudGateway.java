package dev.hearth.core.uplink;

import dev.hearth.config.ConfigLoader;
import dev.hearth.config.ConfigResult;
import dev.hearth.config.OwnerOnly;
import dev.hearth.config.SecretsFile;
import dev.hearth.config.SecretsResult;
import dev.hearth.core.GatewayAssembly;
import dev.hearth.core.cloud.CloudTopics;
import dev.hearth.simulator.nativedev.NativeFleet;
import dev.hearth.simulator.nativedev.SimulatedDevice;
import dev.hearth.simulator.nativedev.SimulatorRuntime;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A whole gateway ({@link GatewayAssembly}, real time, real SQLite) with static simulated native
 * devices on 127.0.0.1 and its cloud section pointing at {@code broker}: what {@code hearth run}
 * builds from a config file, minus the HTTP API and mDNS.
 */
final class CloudGateway implements AutoCloseable {
    static final String HOME = "it-home";
    static final String GATEWAY = "gw-it";
    static final String OWNER = "u1";
    static final CloudTopics TOPICS = new CloudTopics(CloudTopics.DEFAULT_PREFIX, HOME, GATEWAY);

    final SimulatorRuntime runtime;
    final NativeFleet fleet;
    final GatewayAssembly assembly;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private CloudGateway(SimulatorRuntime runtime, NativeFleet fleet, GatewayAssembly assembly) {
        this.runtime = runtime;
        this.fleet = fleet;
        this.assembly = assembly;
    }

    /**
     * Starts the devices of {@code spec}, writes {@code dir/hearth.yaml} and the secrets file, and
     * starts the gateway; {@code cloudExtra} is YAML added inside the {@code cloud:} section.
     */
    static CloudGateway start(Path dir, NativeFleet.Spec spec, URI broker, String cloudExtra) throws Exception {
        SimulatorRuntime runtime = SimulatorRuntime.system(Optional.empty());
        NativeFleet fleet = NativeFleet.start(spec, runtime);
        try {
            Path data = dir.resolve("data");
            OwnerOnly.createDirectories(data);
            fleet.writeKeysFile(data.resolve("secrets.yaml"));
            StringBuilder y = new StringBuilder()
                    .append("home: { id: ").append(HOME).append(", owner: ").append(OWNER).append(", trust: cloud }\n")
                    .append("gateway: { id: ").append(GATEWAY).append(", dataDir: \"").append(data).append("\" }\n")
                    .append("discovery: { enabled: false }\n")
                    .append("http: { enabled: false }\n")
                    .append("devices:\n");
            for (SimulatedDevice d : fleet.devices()) {
                y.append("  - { id: ").append(d.deviceId()).append(", protocol: native, model: ").append(d.model().model())
                        .append(", address: \"127.0.0.1:").append(d.port()).append("\", secret: { ref: ").append(d.deviceId()).append(" } }\n");
            }
            y.append("cloud:\n  broker: \"").append(broker).append("\"\n  keepAlive: 5s\n  reconnect: { min: 200ms, max: 1s }\n")
                    .append(cloudExtra);
            Path file = dir.resolve("hearth.yaml");
            Files.writeString(file, y);
            ConfigResult config = new ConfigLoader(Map.of()).load(file);
            if (!(config instanceof ConfigResult.Valid valid)) throw new IllegalStateException("test config refused: " + config);
            SecretsResult secrets = SecretsFile.load(data.resolve("secrets.yaml"));
            if (!(secrets instanceof SecretsResult.Loaded loaded)) throw new IllegalStateException("secrets refused: " + secrets);
            GatewayAssembly assembly = new GatewayAssembly(valid.config(), loaded.secrets(), Clock.systemUTC());
            assembly.start();
            return new CloudGateway(runtime, fleet, assembly);
        } catch (Exception | Error e) {
            fleet.close();
            runtime.close();
            throw e;
        }
    }

    /** Stops the gateway cleanly (devices OFFLINE GATEWAY_STOPPING, status OFFLINE); only the first call does. */
    void stopGateway() {
        if (stopped.compareAndSet(false, true)) assembly.close();
    }

    /** Stops the gateway if it still runs, then the devices. */
    @Override
    public void close() {
        try {
            stopGateway();
        } finally {
            fleet.close();
            runtime.close();
        }
    }
}
