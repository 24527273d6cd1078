package dev.hearth.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {

    @Test
    void repeatedCallsCountOnTheSameMeterAndDifferentTagsOnTheirOwn() {
        try (GatewayMetrics m = new GatewayMetrics()) {
            for (int i = 0; i < 3; i++) m.telemetry("in");
            m.telemetry("out");
            m.privacyDecision("PERSONAL", "DROP", 2);
            m.privacyDecision("personal", "drop", 5);
            m.commandLatency("set_properties", "ok", Duration.ofMillis(3));
            m.commandLatency("SET_PROPERTIES", "OK", Duration.ofMillis(4));

            assertThat(m.scrape())
                    .contains("hearth_telemetry_messages_total{direction=\"in\"} 3.0")
                    .contains("hearth_telemetry_messages_total{direction=\"out\"} 1.0")
                    .contains("hearth_privacy_decisions_total{action=\"drop\",class=\"personal\",reason=\"declared\"} 7.0")
                    .contains("hearth_command_duration_seconds_count{operation=\"set_properties\",result=\"ok\"} 2");
        }
    }

    @Test
    void exposesPrometheusNamesWithTheHearthPrefixAndTotals() {
        try (GatewayMetrics m = new GatewayMetrics()) {
            Map<String, Double> counts = Map.of("native/online", 3.0, "miio/offline", 1.0);
            m.deviceGauges(List.of("native", "miio"), (p, s) -> counts.getOrDefault(p + "/" + s, 0.0));
            m.transition("OFFLINE", "HEARTBEAT_TIMEOUT");
            m.command("set_properties", "forbidden");
            m.commandLatency("set_properties", "forbidden", Duration.ofMillis(3));
            m.malformed("native", "oversized");
            m.privacyDecision("PERSONAL", "DROP", 2);
            m.outboxGauges(() -> 5, () -> 1024);
            m.outboxDropped("bound", 1);

            String text = m.scrape();

            assertThat(text)
                    .contains("hearth_devices{protocol=\"native\",status=\"online\"} 3.0")
                    .contains("hearth_devices{protocol=\"miio\",status=\"offline\"} 1.0")
                    .contains("hearth_devices{protocol=\"miio\",status=\"unknown\"} 0.0")
                    .contains("hearth_device_transitions_total{reason=\"heartbeat_timeout\",status=\"offline\"} 1.0")
                    .contains("hearth_commands_total{operation=\"set_properties\",result=\"forbidden\"} 1.0")
                    .contains("hearth_command_duration_seconds_bucket")
                    .contains("hearth_malformed_messages_total{protocol=\"native\",reason=\"oversized\"} 1.0")
                    .contains("hearth_privacy_decisions_total{action=\"drop\",class=\"personal\",reason=\"declared\"} 2.0")
                    .contains("hearth_outbox_messages 5.0")
                    .contains("hearth_outbox_bytes 1024.0")
                    .contains("hearth_outbox_dropped_total{reason=\"bound\"} 1.0")
                    .contains("jvm_memory_used_bytes")
                    .contains("process_cpu_usage");
        }
    }
}
