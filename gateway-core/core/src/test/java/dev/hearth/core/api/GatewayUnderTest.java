package dev.hearth.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.config.ConfigLoader;
import dev.hearth.config.ConfigResult;
import dev.hearth.config.HearthConfig;
import dev.hearth.config.OwnerOnly;
import dev.hearth.config.SecretsFile;
import dev.hearth.config.SecretsResult;
import dev.hearth.core.GatewayAssembly;
import dev.hearth.core.storage.JdbcCalls;
import dev.hearth.core.online.OnlineStatus;
import dev.hearth.testkit.Conditions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real {@link GatewayAssembly} for integration tests: a generated YAML configuration with
 * static device entries (no mDNS, so it runs on the host's loopback too), an owner-only secrets
 * file, a temporary data directory, the local HTTP API on 127.0.0.1 and any free port, and a
 * small HTTP client that carries the API token.
 */
public final class GatewayUnderTest implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One static device entry; {@code secret} empty leaves the device waiting in the discovery inbox. */
    public record Entry(String id, String protocol, String model, String host, int port, Optional<byte[]> secret) {
        public Entry {
            secret = secret.map(byte[]::clone);
        }
    }

    /** A response: status and parsed JSON body (a missing node for a non-JSON body). */
    public record Reply(int status, String contentType, String text, JsonNode json) {
    }

    private final Path configFile;
    private final Path secretsFile;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(5)).build();
    private GatewayAssembly gateway;
    private String base;

    private final JdbcCalls jdbcCalls;

    private GatewayUnderTest(Path configFile, Path secretsFile, JdbcCalls jdbcCalls) {
        this.configFile = configFile;
        this.secretsFile = secretsFile;
        this.jdbcCalls = jdbcCalls;
    }

    /** Writes the configuration and secrets for {@code devices} under {@code dir} and starts the gateway. */
    public static GatewayUnderTest start(Path dir, List<Entry> devices) throws Exception {
        return start(dir, devices, "", JdbcCalls.NONE);
    }

    /**
     * As {@link #start(Path, List)}, with {@code moreYaml} appended to the configuration (a
     * {@code cloud:} section, say) and every JDBC call of the gateway's database reported to {@code calls}.
     */
    public static GatewayUnderTest start(Path dir, List<Entry> devices, String moreYaml, JdbcCalls calls) throws Exception {
        Path data = dir.resolve("data");
        OwnerOnly.createDirectories(data);
        Path secrets = data.resolve("secrets.yaml");
        StringBuilder yaml = new StringBuilder("""
                home: { id: home-1, owner: u1, trust: cloud }
                gateway: { id: gw-1, dataDir: "%s" }
                discovery: { enabled: false }
                http: { enabled: true, bind: 127.0.0.1, port: 0 }
                online:
                  heartbeatMisses: 3
                  commandTimeout: 3s
                  reconnect: { min: 200ms, max: 2s }
                  miioPollInterval: 1s
                devices:
                """.formatted(data));
        StringBuilder keys = new StringBuilder("devices:\n");
        for (Entry d : devices) {
            yaml.append("  - { id: \"").append(d.id()).append("\", protocol: ").append(d.protocol())
                    .append(", model: ").append(d.model()).append(", address: \"").append(d.host()).append(':').append(d.port()).append('"');
            if (d.secret().isPresent()) {
                yaml.append(", secret: { ref: \"").append(d.id()).append("\" }");
                keys.append("  \"").append(d.id()).append("\": \"").append(HexFormat.of().formatHex(d.secret().get())).append("\"\n");
            }
            yaml.append(" }\n");
        }
        yaml.append(moreYaml);
        Path config = dir.resolve("hearth.yaml");
        Files.writeString(config, yaml);
        Files.deleteIfExists(secrets);
        Files.createFile(secrets, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secrets, keys);
        GatewayUnderTest g = new GatewayUnderTest(config, secrets, calls);
        g.boot();
        return g;
    }

    /** Stops the gateway and starts a new one from the same files (configuration, secrets, database). */
    public void restart() throws Exception {
        gateway.close();
        boot();
    }

    private void boot() throws Exception {
        ConfigResult result = new ConfigLoader(Map.of()).load(configFile);
        if (result instanceof ConfigResult.Invalid invalid) throw new AssertionError("generated config is invalid: " + invalid.problems());
        HearthConfig config = ((ConfigResult.Valid) result).config();
        SecretsResult secrets = SecretsFile.load(secretsFile);
        if (secrets instanceof SecretsResult.Refused refused) throw new AssertionError("secrets file refused: " + refused.problems());
        gateway = new GatewayAssembly(config, ((SecretsResult.Loaded) secrets).secrets(), Clock.systemUTC(), jdbcCalls);
        gateway.start();
        base = "http://127.0.0.1:" + gateway.httpAddress().orElseThrow().getPort();
    }

    public GatewayAssembly gateway() {
        return gateway;
    }

    public Path secretsFile() {
        return secretsFile;
    }

    /** The page and API's base URL, {@code http://127.0.0.1:<port>}. */
    public String base() {
        return base;
    }

    public String token() {
        return gateway.apiToken().reveal();
    }

    public boolean online(String deviceId) {
        return gateway.registry().find(deviceId).map(d -> d.availability().status() == OnlineStatus.ONLINE).orElse(false);
    }

    public void awaitOnline(String... ids) {
        for (String id : ids) {
            Conditions.await(id + " online", Duration.ofSeconds(15), () -> online(id),
                    () -> gateway.registry().find(id).map(d -> d.availability().toString()).orElse("not in the registry"));
        }
    }

    public Reply get(String path) {
        return send(request(path).GET());
    }

    public Reply post(String path, String body) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply post(String path, Object body) {
        try {
            return post(path, JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public Reply delete(String path) {
        return send(request(path).DELETE());
    }

    /** A request without the Authorization header. */
    public Reply getWithoutToken(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token());
    }

    private Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode json = type.startsWith("application/json") ? JSON.readTree(r.body()) : JSON.missingNode();
            return new Reply(r.statusCode(), type, r.body(), json);
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The device's entry of {@code GET /api/v1/devices}. */
    public JsonNode listed(String deviceId) {
        Reply list = get("/api/v1/devices");
        assertThat(list.status()).isEqualTo(200);
        for (JsonNode d : list.json()) {
            if (d.path("id").asText().equals(deviceId)) return d;
        }
        throw new AssertionError(deviceId + " is not in the device list: " + list.text());
    }

    @Override
    public void close() {
        if (gateway != null) gateway.close();
    }
}
