package dev.hearth.core.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.hearth.protocols.cloud.v1.Telemetry;
import dev.hearth.testkit.Conditions;
import dev.hearth.testkit.MosquittoBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a gateway process mid-stream: everything it had queued is sent after the restart. */
class CloudBridgeCrashIT {
    private static final Duration WAIT = Duration.ofSeconds(40);

    private static Process launch(Path dir, String broker, String gateway, int count, long periodMs, Set<Long> durable) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashingGatewayMain.class.getName(),
                dir.toString(), broker, gateway, Integer.toString(count), Long.toString(periodMs), "1")
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("gateway.log").toFile()))
                .start();
        Thread reader = new Thread(() -> {
            try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("DURABLE ")) durable.add(Long.parseLong(line.substring(8)));
                }
            } catch (IOException e) {
                // the process died
            }
        }, "gateway-stdout");
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    private static String tail(Path log) {
        try {
            var lines = java.nio.file.Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Set<Long> telemetryIds(CloudSubscriber sub) {
        var ids = new HashSet<Long>();
        for (CloudSubscriber.Received r : sub.received()) {
            if (!r.topic().endsWith("/telemetry")) continue;
            try {
                ids.add(Telemetry.parseFrom(r.payload()).getId());
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        }
        return ids;
    }

    @Test
    void everythingQueuedBeforeAKillMinus9ArrivesAfterTheRestart(@TempDir Path dir) throws Exception {
        String gateway = "crash" + ProcessHandle.current().pid();
        try (var broker = MosquittoBroker.start(); var proxy = new TcpProxy(broker.port());
             var sub = new CloudSubscriber(broker.uri(), CloudTopics.of("home1", gateway).all())) {
            Set<Long> durable = ConcurrentHashMap.newKeySet();
            Process first = launch(dir, proxy.uri().toString(), gateway, 100_000, 1, durable);
            Conditions.until(WAIT, () -> durable.size() >= 300, () -> "durable " + durable.size());
            // Cut the link mid-stream: what was in flight and what comes next stays in the outbox.
            proxy.refuse();
            Conditions.until(WAIT, () -> durable.size() >= 1_500, () -> "durable " + durable.size());
            first.destroyForcibly(); // SIGKILL
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            Set<Long> queued = Set.copyOf(durable);
            int before = telemetryIds(sub).size();
            assertThat(before).isLessThan(queued.size());

            proxy.heal();
            Process second = launch(dir, proxy.uri().toString(), gateway, 0, 1000, ConcurrentHashMap.newKeySet());
            try {
                Conditions.until(WAIT, () -> telemetryIds(sub).containsAll(queued),
                        () -> "received " + telemetryIds(sub).size() + " of " + queued.size() + " queued; gateway log:\n" + tail(dir.resolve("gateway.log")));
            } finally {
                second.destroyForcibly();
                second.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
