package dev.hearth.driver.miio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.CommandOutcome;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.DeviceSecret;
import dev.hearth.driver.api.DeviceSession;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.DriverContext;
import dev.hearth.driver.api.DriverSettings;
import dev.hearth.driver.api.SystemScheduler;
import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.driver.api.model.miot.MiotSpecReader;
import dev.hearth.driver.api.model.miot.PrivacyClassTable;
import dev.hearth.driver.api.model.miot.SpecCatalog;
import dev.hearth.driver.api.value.Value;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * python-miio's own MIoT simulator (shared/peers/python-miio: it serves a device from a spec
 * document) serving Hearth's bundled spec documents, driven by Hearth's driver with the models
 * those documents give. It binds 0.0.0.0:54321, so it runs only in a private network namespace
 * ({@code ./hearth test}, or {@code unshare --net}).
 */
class BundledSpecsOnPythonMiioIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final byte[] TOKEN = new byte[16]; // the simulator's token: 32 zeros, hard-coded

    @TempDir Path tmp;

    @ParameterizedTest(name = "{0}: set {1} to {2}")
    @CsvSource({
            "dmaker.fan.p9, 2.11, 30",
            "dmaker.fan.p11, 2.2, 3",
            "yeelink.light.bslamp1, 2.2, 30",
    })
    void aBundledSpecServedByPythonMiioIsPolledAndSet(String model, String key, long value) throws Exception {
        ModelCatalog models = SpecCatalog.load(getClass().getClassLoader(), Optional.empty(),
                new MiotSpecReader(PrivacyClassTable.standard()), r -> { throw new AssertionError("refused: " + r); })
                .over(ModelCatalog.fromClasspath(getClass().getClassLoader()));
        Path spec = Path.of("src/main/resources/hearth/miot-specs/" + model + ".json").toAbsolutePath();
        long did = did(model);
        Process sim = start(spec, model);
        try (SystemScheduler scheduler = new SystemScheduler("test-scheduler")) {
            MiioDriver driver = new MiioDriver();
            driver.start(new DriverContext(Clock.systemUTC(), scheduler,
                    id -> id.equals("miio-" + did) ? Optional.of(new DeviceSecret(TOKEN)) : Optional.empty(), models,
                    new DriverSettings(3, Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofSeconds(1),
                            Map.of("miio.pollInterval", "PT0.5S", "miio.requestTimeout", "PT1S")),
                    (c, r) -> { }, dev.hearth.driver.api.DriverState.inMemory()));
            RecordingSink sink = new RecordingSink();
            DeviceSession session = driver.open(new DiscoveredDevice("miio-" + did, "miio", model,
                    new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 54321),
                    Map.of("did", Long.toString(did))), sink);
            try {
                sink.await(DeviceEvent.CameOnline.class, e -> true, WAIT);
                // the poll asks every readable property the spec declares: the device information too
                sink.await(DeviceEvent.StateReported.class, e -> e.values().containsKey("2.1") && e.values().containsKey("1.1"), WAIT);
                CommandOutcome o = session.execute(new DeviceCommand.SetProperties(Map.of(key, Value.of(value))),
                        Duration.ofSeconds(5)).toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertThat(o.succeeded()).as(o.toString()).isTrue();
                sink.await(DeviceEvent.StateReported.class, e -> Value.of(value).equals(e.values().get(key)), WAIT);
            } finally {
                session.close();
                driver.stop();
            }
        } finally {
            sim.destroy();
            if (!sim.waitFor(5, TimeUnit.SECONDS)) sim.destroyForcibly();
        }
    }

    private Process start(Path spec, String model) throws Exception {
        Path peers = peers();
        Path shim = Files.createDirectories(tmp.resolve("shim"));
        // micloud imports Crypto; Debian names pycryptodome Cryptodome (peers/README.md)
        if (!Files.exists(shim.resolve("Crypto"))) {
            Files.createSymbolicLink(shim.resolve("Crypto"), Path.of("/usr/lib/python3/dist-packages/Cryptodome"));
        }
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", "-m", "miio.cli", "devtools", "miot-simulator",
                "--file", spec.toString(), "--model", model).redirectErrorStream(true);
        pb.environment().put("PYTHONPATH", peers.resolve("python-miio") + ":" + peers.resolve("micloud") + ":" + shim);
        pb.environment().put("XDG_CACHE_HOME", Files.createDirectories(tmp.resolve("cache")).toString());
        Process p = pb.start();
        List<String> output = new ArrayList<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        CompletableFuture.runAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    synchronized (output) {
                        if (output.size() < 200) output.add(line);
                    }
                    if (line.contains("push server started")) ready.complete(true);
                }
            } catch (IOException e) {
                // the process ended
            }
            ready.complete(false);
        });
        if (!ready.get(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            synchronized (output) {
                throw new AssertionError("python-miio's miot-simulator did not start for " + model + ": " + output);
            }
        }
        return p;
    }

    /** The simulator's device id: the first 8 hex digits of the MD5 of the model name. */
    private static long did(String model) throws Exception {
        byte[] md5 = MessageDigest.getInstance("MD5").digest(model.getBytes(StandardCharsets.UTF_8));
        return Long.parseLong(HexFormat.of().formatHex(md5).substring(0, 8), 16);
    }

    /** shared/peers beside the repository. */
    private static Path peers() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/peers");
            if (Files.isDirectory(candidate.resolve("python-miio/miio"))) return candidate;
        }
        throw new AssertionError("python-miio's sources are not in a shared/peers folder above " + Path.of("").toAbsolutePath());
    }
}
