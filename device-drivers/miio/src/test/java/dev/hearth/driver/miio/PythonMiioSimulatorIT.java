package dev.hearth.driver.miio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.CommandOutcome;
import dev.hearth.driver.api.SystemScheduler;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.DeviceSecret;
import dev.hearth.driver.api.DeviceSession;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.DriverContext;
import dev.hearth.driver.api.DriverSettings;
import dev.hearth.driver.api.model.ModelCatalog;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hearth's driver against python-miio's own device simulators (shared/peers/python-miio, an
 * implementation nobody on this project wrote). They bind 0.0.0.0:54321, so they run only in the
 * private network namespace of the test phase ({@code ./hearth test}). What they show (issue 14):
 * the miIO simulator answers {@code miIO.info} without a {@code "result"} key, and the MIoT
 * simulator acknowledges {@code set_properties} with a bare {@code 0}.
 */
class PythonMiioSimulatorIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final byte[] TOKEN = new byte[16]; // the simulators' token: 32 zeros, hard-coded

    @TempDir Path tmp;

    @Test
    void aLegacyFanThatAnswersMiioInfoWithoutAResultKeyComesOnlineAndIsControlled() throws Exception {
        Path peers = peers();
        try (Simulator sim = Simulator.start(tmp, peers, "miio-simulator",
                peers.resolve("python-miio/miio/integrations/zhimi/fan/zhimi_fan.yaml").toString(), "zhimi.fan.sa1")) {
            drive("zhimi.fan.sa1", sim.did, (session, sink) -> {
                DeviceEvent.CameOnline online = sink.await(DeviceEvent.CameOnline.class, e -> true, WAIT);
                assertThat(online.firmware()).contains("1.2.4_16");
                sink.await(DeviceEvent.StateReported.class, e -> e.values().containsKey("2.1"), WAIT);
                CommandOutcome o = session.execute(new DeviceCommand.SetProperties(Map.of("power", Value.of("on"))),
                        Duration.ofSeconds(5)).toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertThat(o.succeeded()).as(o.toString()).isTrue();
                sink.await(DeviceEvent.StateReported.class, e -> Value.of("on").equals(e.values().get("2.1")), WAIT);
            });
        }
    }

    @Test
    void aMiotPlugThatAcknowledgesASetWithABareZeroIsSetSuccessfully() throws Exception {
        Path peers = peers();
        Path spec = Path.of("src/test/resources/specs/cuco.plug.v3.json").toAbsolutePath();
        try (Simulator sim = Simulator.start(tmp, peers, "miot-simulator", spec.toString(), "cuco.plug.v3")) {
            drive("cuco.plug.v3", sim.did, (session, sink) -> {
                sink.await(DeviceEvent.CameOnline.class, e -> true, WAIT);
                sink.await(DeviceEvent.StateReported.class, e -> e.values().containsKey("2.1"), WAIT);
                CommandOutcome o = session.execute(new DeviceCommand.SetProperties(Map.of("2.1", Value.of(false))),
                        Duration.ofSeconds(5)).toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertThat(o.succeeded()).as(o.toString()).isTrue();
                assertThat(o.items()).singleElement().satisfies(i -> assertThat(i.code()).isZero());
                sink.await(DeviceEvent.StateReported.class, e -> Value.of(false).equals(e.values().get("2.1")), WAIT);
            });
        }
    }

    @FunctionalInterface
    private interface Scenario {
        void run(DeviceSession session, RecordingSink sink) throws Exception;
    }

    private static void drive(String model, long did, Scenario scenario) throws Exception {
        try (SystemScheduler scheduler = new SystemScheduler("test-scheduler")) {
            MiioDriver driver = new MiioDriver();
            driver.start(new DriverContext(Clock.systemUTC(), scheduler,
                    id -> id.equals("miio-" + did) ? Optional.of(new DeviceSecret(TOKEN)) : Optional.empty(),
                    ModelCatalog.fromClasspath(PythonMiioSimulatorIT.class.getClassLoader()),
                    new DriverSettings(3, Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofSeconds(1),
                            Map.of("miio.pollInterval", "PT0.5S", "miio.requestTimeout", "PT1S")),
                    (c, r) -> { }));
            RecordingSink sink = new RecordingSink();
            DeviceSession s = driver.open(new DiscoveredDevice("miio-" + did, "miio", model,
                    new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 54321),
                    Map.of("did", Long.toString(did))), sink);
            try {
                scenario.run(s, sink);
            } finally {
                s.close();
                driver.stop();
            }
        }
    }

    /** shared/peers beside the repository (the CI machine lays shared/ beside the clone). */
    private static Path peers() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/peers");
            if (Files.isDirectory(candidate.resolve("python-miio/miio"))) return candidate;
        }
        throw new AssertionError("python-miio's sources are not in a shared/peers folder above " + Path.of("").toAbsolutePath()
                + " (see ../shared/peers/README.md)");
    }

    /** A python-miio simulator process, ready once it logs that its push server started. */
    private static final class Simulator implements AutoCloseable {
        final Process process;
        final long did;
        final List<String> output = new ArrayList<>();

        private Simulator(Process process, long did) {
            this.process = process;
            this.did = did;
        }

        static Simulator start(Path tmp, Path peers, String kind, String file, String model) throws Exception {
            Path shim = Files.createDirectories(tmp.resolve("shim"));
            // micloud imports Crypto; Debian names pycryptodome Cryptodome (peers/README.md)
            if (!Files.exists(shim.resolve("Crypto"))) Files.createSymbolicLink(shim.resolve("Crypto"),
                    Path.of("/usr/lib/python3/dist-packages/Cryptodome"));
            ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", "-m", "miio.cli", "devtools", kind, "--file", file,
                    "--model", model).redirectErrorStream(true);
            pb.environment().put("PYTHONPATH", peers.resolve("python-miio") + ":" + peers.resolve("micloud") + ":" + shim);
            pb.environment().put("XDG_CACHE_HOME", Files.createDirectories(tmp.resolve("cache")).toString());
            Simulator sim = new Simulator(pb.start(), did(model));
            BufferedReader out = new BufferedReader(new InputStreamReader(sim.process.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<Boolean> ready = new CompletableFuture<>();
            CompletableFuture.runAsync(() -> {
                try {
                    for (String line; (line = out.readLine()) != null; ) {
                        synchronized (sim.output) {
                            if (sim.output.size() < 200) sim.output.add(line);
                        }
                        if (line.contains("push server started")) ready.complete(true);
                    }
                } catch (IOException e) {
                    // the process ended
                }
                ready.complete(false);
            });
            if (!ready.get(30, TimeUnit.SECONDS)) {
                sim.close();
                throw new AssertionError("python-miio's " + kind + " did not start (the Debian packages of "
                        + "shared/peers/README.md are needed): " + sim.output);
            }
            return sim;
        }

        /** The simulators' device id: the first 8 hex digits of the MD5 of the model name. */
        static long did(String model) throws Exception {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(model.getBytes(StandardCharsets.UTF_8));
            return Long.parseLong(HexFormat.of().formatHex(md5).substring(0, 8), 16);
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        }
    }
}
