package dev.hearth.core.miio;

import dev.hearth.testkit.LoopbackAliases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.config.ConfigLoader;
import dev.hearth.config.ConfigResult;
import dev.hearth.config.SecretsFile;
import dev.hearth.config.SecretsResult;
import dev.hearth.core.GatewayAssembly;
import dev.hearth.testkit.Conditions;
import dev.hearth.testkit.PrivateNetwork;
import dev.hearth.simulator.miio.MiioFleet;
import dev.hearth.simulator.miio.SimulatedMiioDevice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md section 8: a device's token lives only in the owner-only secrets file. The whole
 * gateway adopts simulated miIO devices (announced by mDNS in the test's own network namespace),
 * reads their {@code miIO.info} (whose reply carries the token, as real firmware's does), and
 * writes its registry; then no file of the data directory but the secrets file holds the token's
 * bytes, raw, as hex or as base64, and every file there is owner-only, while running and after
 * it stopped.
 */
class DataDirectoryTokenIT {
    private static final String SECRETS = "secrets.yaml";

    @TempDir Path dir;

    @Test
    void theTokenIsInNoFileOfTheDataDirectoryButTheSecretsFileAndEveryFileThereIsOwnerOnly() throws Exception {
        PrivateNetwork.require();
        MiioFleet.Options options = MiioFleet.Options.of(2).startingAt(MiioFleet.address(127, 0, 0, 60));
        List<InetAddress> addresses = List.of(MiioFleet.address(127, 0, 0, 60), MiioFleet.address(127, 0, 0, 61));
        LoopbackAliases.add(addresses);
        Path data = dir.resolve("data");
        try (MiioFleet fleet = MiioFleet.start(options)) {
            List<SimulatedMiioDevice> devices = fleet.devices();
            try (GatewayAssembly gateway = gateway(writeConfig())) {
                gateway.start();
                LocalApiClient api = new LocalApiClient(gateway.httpAddress().orElseThrow(), gateway.apiToken().reveal());
                Conditions.await("both devices in the inbox", Duration.ofSeconds(30),
                        () -> api.get("/api/v1/inbox").size() == devices.size(), () -> api.get("/api/v1/inbox"));
                for (SimulatedMiioDevice d : devices) {
                    LocalApiClient.Reply adopted = api.post("/api/v1/inbox/" + d.gatewayDeviceId() + "/adopt",
                            "{\"secret\": \"" + d.token().toHex() + "\"}");
                    assertThat(adopted.status()).as(adopted.body().toString()).isEqualTo(200);
                }
                Conditions.await("both devices online", Duration.ofSeconds(15), () -> devices.stream().allMatch(d ->
                        api.device(d.gatewayDeviceId()).map(n -> n.path("status").path("status").asText()).orElse("")
                                .equals("online")), () -> api.get("/api/v1/devices"));
                // the firmware versions come from miIO.info: once they are on disk, so is whatever else it gave
                Conditions.await("miIO.info's firmware versions in the database", Duration.ofSeconds(20),
                        () -> onDisk(data, "2.1.8_0135") && onDisk(data, "1.0.2_0021"), () -> files(data).keySet());
                assertClean(data, devices);
            }
            assertClean(data, devices);
        }
    }

    private static void assertClean(Path data, List<SimulatedMiioDevice> devices) throws IOException {
        try (Stream<Path> paths = Files.walk(data)) {
            for (Path p : paths.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                assertThat(mode).as("%s", p).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
            }
        }
        Map<Path, byte[]> files = files(data);
        assertThat(files).containsKey(data.resolve(SECRETS)).containsKey(data.resolve("hearth.db"));
        for (SimulatedMiioDevice d : devices) {
            byte[] token = d.token().bytes();
            String hex = HexFormat.of().formatHex(token);
            List<byte[]> forms = List.of(token, ascii(hex), ascii(hex.toUpperCase()),
                    ascii(Base64.getEncoder().encodeToString(token)),
                    ascii(Base64.getEncoder().withoutPadding().encodeToString(token)),
                    ascii(Base64.getUrlEncoder().withoutPadding().encodeToString(token)));
            assertThat(contains(files.get(data.resolve(SECRETS)), ascii(hex))).as("the secrets file holds the token").isTrue();
            for (Map.Entry<Path, byte[]> f : files.entrySet()) {
                if (f.getKey().equals(data.resolve(SECRETS))) continue;
                for (byte[] form : forms) {
                    assertThat(contains(f.getValue(), form)).as("%s holds %s's token (%s form)", f.getKey(),
                            d.gatewayDeviceId(), form.length == token.length ? "raw" : "text").isFalse();
                }
            }
        }
    }

    private static Map<Path, byte[]> files(Path data) {
        Map<Path, byte[]> out = new LinkedHashMap<>();
        try (Stream<Path> paths = Files.walk(data)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                try {
                    out.put(p, Files.readAllBytes(p));
                } catch (NoSuchFileException gone) {
                    // a temporary file moved away while we listed
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static boolean onDisk(Path data, String text) {
        byte[] needle = ascii(text);
        return files(data).entrySet().stream().anyMatch(e -> !e.getKey().endsWith(SECRETS) && contains(e.getValue(), needle));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }

    private Path writeConfig() throws IOException {
        Path file = dir.resolve("hearth.yaml");
        Files.writeString(file, """
                home: { id: home-it, owner: owner-1, trust: cloud }
                gateway: { id: gw-tokens, dataDir: ./data }
                discovery: { enabled: true, interfaces: ["127.0.0.1"] }
                http: { enabled: true, bind: 127.0.0.1, port: 0 }
                online:
                  miioPollInterval: 500ms
                """);
        return file;
    }

    private static GatewayAssembly gateway(Path configFile) throws Exception {
        ConfigResult loaded = new ConfigLoader(Map.of()).load(configFile);
        assertThat(loaded).as(loaded.toString()).isInstanceOf(ConfigResult.Valid.class);
        SecretsResult secrets = SecretsFile.load(configFile.resolveSibling("data").resolve(SECRETS));
        assertThat(secrets).as(secrets.toString()).isInstanceOf(SecretsResult.Loaded.class);
        return new GatewayAssembly(((ConfigResult.Valid) loaded).config(), ((SecretsResult.Loaded) secrets).secrets(),
                Clock.systemUTC());
    }
}
