package dev.hearth.core.uplink;

import dev.hearth.config.OwnerOnly;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.config.ConfigLoader;
import dev.hearth.config.ConfigResult;
import dev.hearth.config.SecretsFile;
import dev.hearth.config.SecretsResult;
import dev.hearth.core.GatewayAssembly;
import dev.hearth.core.cloud.CloudTopics;
import dev.hearth.simulator.nativedev.NativeFleet;
import dev.hearth.simulator.nativedev.SimulatedDevice;
import dev.hearth.simulator.nativedev.SimulatorRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A whole gateway ({@link GatewayAssembly}, real time, real SQLite) with static simulated native
 * devices on 127.0.0.1, its cloud section pointing at {@code broker} and its local HTTP API on a
 * free port: what {@code hearth run} builds, minus mDNS. It can be restarted on the same files.
 */
final class LanHome implements AutoCloseable {
    static final String HOME = CloudGateway.HOME;
    static final String GATEWAY = CloudGateway.GATEWAY;
    static final String OWNER = CloudGateway.OWNER;
    static final CloudTopics TOPICS = new CloudTopics(CloudTopics.DEFAULT_PREFIX, HOME, GATEWAY);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A response of the local API: status and parsed JSON body. */
    record Reply(int status, JsonNode json) { }

    final SimulatorRuntime runtime;
    final NativeFleet fleet;
    final Path data;
    private final Path configFile;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(5)).build();
    private GatewayAssembly assembly;

    private LanHome(SimulatorRuntime runtime, NativeFleet fleet, Path data, Path configFile) {
        this.runtime = runtime;
        this.fleet = fleet;
        this.data = data;
        this.configFile = configFile;
    }

    /** Starts the devices of {@code spec}, writes the configuration (with {@code privacyYaml} as its privacy section) and starts the gateway. */
    static LanHome start(Path dir, NativeFleet.Spec spec, URI broker, String privacyYaml) throws Exception {
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
                    .append("http: { enabled: true, bind: 127.0.0.1, port: 0 }\n")
                    .append(privacyYaml)
                    .append("devices:\n");
            for (SimulatedDevice d : fleet.devices()) {
                y.append("  - { id: ").append(d.deviceId()).append(", protocol: native, model: ").append(d.model().model())
                        .append(", address: \"127.0.0.1:").append(d.port()).append("\", secret: { ref: ").append(d.deviceId()).append(" } }\n");
            }
            y.append("cloud:\n  broker: \"").append(broker).append("\"\n  keepAlive: 5s\n  reconnect: { min: 200ms, max: 1s }\n");
            Path file = dir.resolve("hearth.yaml");
            Files.writeString(file, y);
            LanHome home = new LanHome(runtime, fleet, data, file);
            home.boot();
            return home;
        } catch (Exception | Error e) {
            fleet.close();
            runtime.close();
            throw e;
        }
    }

    private void boot() throws Exception {
        ConfigResult config = new ConfigLoader(Map.of()).load(configFile);
        if (!(config instanceof ConfigResult.Valid valid)) throw new IllegalStateException("test config refused: " + config);
        SecretsResult secrets = SecretsFile.load(data.resolve("secrets.yaml"));
        if (!(secrets instanceof SecretsResult.Loaded loaded)) throw new IllegalStateException("secrets refused: " + secrets);
        assembly = new GatewayAssembly(valid.config(), loaded.secrets(), Clock.systemUTC());
        assembly.start();
    }

    GatewayAssembly gateway() {
        return assembly;
    }

    /** Stops the gateway cleanly and starts a new one on the same configuration, secrets and database. */
    void restart() throws Exception {
        assembly.close();
        boot();
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply post(String path, String body) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path) {
        int port = assembly.httpAddress().orElseThrow().getPort();
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + assembly.apiToken().reveal());
    }

    private Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body().isEmpty() ? JSON.missingNode() : JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        try {
            if (assembly != null) assembly.close();
        } finally {
            fleet.close();
            runtime.close();
        }
    }
}
