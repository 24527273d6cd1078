package dev.hearth.core.uplink;

import dev.hearth.config.OwnerOnly;
import dev.hearth.config.ConfigLoader;
import dev.hearth.config.ConfigResult;
import dev.hearth.config.SecretsFile;
import dev.hearth.config.SecretsResult;
import dev.hearth.core.GatewayAssembly;
import dev.hearth.simulator.nativedev.DeviceKind;
import dev.hearth.simulator.nativedev.NativeFleet;
import dev.hearth.simulator.nativedev.SimulatedDevice;
import dev.hearth.simulator.nativedev.SimulatorRuntime;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The gateway of {@link StorageFaultIT}, run in the child process that owns the tmpfs: three
 * simulated sensors reporting every 100 ms, the cloud at the given broker, the local HTTP API on a
 * free port (printed as "HTTP port"). Runs until killed.
 *
 * <p>Arguments: dataDir brokerUri
 */
public final class StorageFaultGatewayMain {
    private StorageFaultGatewayMain() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        OwnerOnly.createDirectories(data);
        InetAddress lo = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        SimulatorRuntime runtime = SimulatorRuntime.system(Optional.empty());
        NativeFleet fleet = NativeFleet.start(NativeFleet.Spec.of(3, lo).withKinds(List.of(DeviceKind.SENSOR))
                .withTimings(Duration.ofSeconds(1), Duration.ofMillis(100)), runtime);
        fleet.writeKeysFile(data.resolve("secrets.yaml"));
        StringBuilder y = new StringBuilder()
                .append("home: { id: ").append(CloudGateway.HOME).append(", owner: ").append(CloudGateway.OWNER)
                // StorageFaultIT offers shares until one no longer fits on the full disk: the bound must not come first
                .append(", maxShares: 100000, trust: cloud }\n")
                .append("gateway: { id: ").append(CloudGateway.GATEWAY).append(", dataDir: \"").append(data).append("\" }\n")
                .append("discovery: { enabled: false }\n")
                .append("http: { enabled: true, bind: 127.0.0.1, port: 0 }\n")
                .append("devices:\n");
        for (SimulatedDevice d : fleet.devices()) {
            y.append("  - { id: ").append(d.deviceId()).append(", protocol: native, model: ").append(d.model().model())
                    .append(", address: \"127.0.0.1:").append(d.port()).append("\", secret: { ref: ").append(d.deviceId()).append(" } }\n");
        }
        y.append("cloud:\n  broker: \"").append(args[1]).append("\"\n  keepAlive: 5s\n  reconnect: { min: 200ms, max: 1s }\n");
        Path file = OwnerOnly.createFile(data.resolve("hearth.yaml")); // everything in the data directory is owner-only
        Files.writeString(file, y);
        ConfigResult config = new ConfigLoader(Map.of()).load(file);
        if (!(config instanceof ConfigResult.Valid valid)) throw new IllegalStateException("test config refused: " + config);
        SecretsResult secrets = SecretsFile.load(data.resolve("secrets.yaml"));
        if (!(secrets instanceof SecretsResult.Loaded loaded)) throw new IllegalStateException("secrets refused: " + secrets);
        GatewayAssembly gateway = new GatewayAssembly(valid.config(), loaded.secrets(), Clock.systemUTC());
        gateway.start();
        System.out.println("HTTP " + gateway.httpAddress().orElseThrow().getPort());
        System.out.flush();
        new CountDownLatch(1).await(); // until killed
    }
}
