package dev.hearth.core.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.core.cloud.CloudSubscriber;
import dev.hearth.testkit.MosquittoBroker;
import dev.hearth.core.cloud.TelemetryLedger;
import dev.hearth.testkit.PrivateTmpfs;
import dev.hearth.testkit.Conditions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, "storage faults are visible": a whole gateway (a child process) whose data directory
 * is a 16 MB tmpfs mounted in that child's own mount namespace, filled up while devices report.
 * The gateway says so (/readyz 503 with the reason, {@code hearth_storage_errors_total{store}}),
 * logs it once, not once per commit, refuses new outbox entries (counted) instead of keeping them
 * in memory only, and recovers when space returns.
 */
class StorageFaultIT {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ERRORS = Pattern.compile("(?m)^hearth_storage_errors_total\\{[^}]*store=\"outbox\"[^}]*\\} ([0-9.E+]+)");
    private static final Pattern REFUSED = Pattern.compile("(?m)^hearth_outbox_dropped_total\\{[^}]*reason=\"storage\"[^}]*\\} ([0-9.E+]+)");
    private static final Pattern STORAGE_LINE = Pattern.compile("storage: a write of");

    @TempDir Path dir;
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode readyz(int port) {
        try {
            return JSON.readTree(get(port, "/readyz").body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private double metric(int port, Pattern p) {
        Matcher m = p.matcher(get(port, "/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static long lines(Path log, Pattern p) {
        try {
            return Files.readAllLines(log).stream().filter(l -> p.matcher(l).find()).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aFullDiskMakesTheGatewayNotReadyCountedAndLoggedOnceAndItRecoversWhenSpaceReturns() throws Exception {
        Optional<String> unavailable = PrivateTmpfs.reasonUnavailable();
        assumeTrue(unavailable.isEmpty(), () -> "skipped: " + unavailable.orElse(""));
        Path log = dir.resolve("gateway.log");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        try (var broker = MosquittoBroker.start();
             var live = new CloudSubscriber(broker.uri(), CloudGateway.TOPICS.all());
             var child = PrivateTmpfs.run(16L << 20, point -> List.of(java, "-cp", System.getProperty("java.class.path"),
                     StorageFaultGatewayMain.class.getName(), point.resolve("data").toString(), broker.uri().toString()), log)) {
            int port = Integer.parseInt(child.awaitLine("HTTP ", WAIT).strip());
            Conditions.await("telemetry flowing", WAIT, () -> TelemetryLedger.of(live.received()).distinct() > 20, live::describe);
            Conditions.await("ready", WAIT, () -> get(port, "/readyz").statusCode() == 200, () -> readyz(port));

            long filled = child.fill("filler");
            assertThat(filled).isPositive();
            Conditions.await("not ready because of storage", WAIT, () -> get(port, "/readyz").statusCode() == 503, () -> readyz(port));
            JsonNode notReady = readyz(port);
            assertThat(notReady.path("ready").asBoolean()).isFalse();
            assertThat(notReady.path("storage").asText()).contains("outbox").containsIgnoringCase("full");
            // The writer retries every second: after five failed commits there is still one log line.
            Conditions.await("five failed outbox commits", WAIT, () -> metric(port, ERRORS) >= 5, () -> get(port, "/metrics").body());
            Conditions.await("new telemetry refused (counted), not kept in memory only", WAIT, () -> metric(port, REFUSED) > 0,
                    () -> get(port, "/metrics").body());
            assertThat(lines(log, STORAGE_LINE)).as("storage error lines in the log while failing").isBetween(1L, 2L);

            Files.delete(child.path().resolve("filler"));
            Conditions.await("ready again", WAIT, () -> get(port, "/readyz").statusCode() == 200, () -> readyz(port));
            assertThat(readyz(port).path("storage").asText()).isEqualTo("ok");
            int before = TelemetryLedger.of(live.received()).distinct();
            Conditions.await("telemetry flowing again", WAIT, () -> TelemetryLedger.of(live.received()).distinct() > before + 20,
                    live::describe);
        }
    }
}
