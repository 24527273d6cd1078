package dev.hearth.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped Grafana dashboard only queries metrics the gateway really exposes. */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("../../config/grafana/hearth-dashboard.json");
    private static final Pattern METRIC = Pattern.compile("\\b((?:hearth|jvm|process)_[a-z_]+)");

    @Test
    void everyMetricTheDashboardQueriesIsExposed() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = METRIC.matcher(target.path("expr").asText());
                while (m.find()) queried.add(m.group(1));
            }
        }
        assertThat(queried).hasSizeGreaterThan(10);

        try (GatewayMetrics metrics = new GatewayMetrics()) {
            metrics.deviceGauges(List.of("native"), (p, s) -> 1);
            metrics.transition("ONLINE", "NONE");
            metrics.announcement("_hearth._tcp.local.");
            metrics.telemetry("in");
            metrics.privacyDecision("TELEMETRY", "KEEP", 1);
            metrics.outboxGauges(() -> 0, () -> 0);
            metrics.outboxDropped("bound", 1);
            metrics.mqttConnectedGauge(() -> 1);
            metrics.mqttReconnect();
            metrics.command("read_state", "ok");
            metrics.commandLatency("read_state", "ok", Duration.ofMillis(2));
            metrics.malformed("miio", "checksum");
            metrics.httpRequest("GET /", 200);
            metrics.httpBadRequest("unauthorized");
            String scraped = metrics.scrape();
            for (String name : queried) {
                assertThat(scraped).as("metric %s used by the dashboard", name).containsPattern("(?m)^" + name + "[{ ]");
            }
        }
    }
}
