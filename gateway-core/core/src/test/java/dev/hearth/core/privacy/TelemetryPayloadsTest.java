package dev.hearth.core.privacy;

import dev.hearth.config.UnknownFieldsMode;

import dev.hearth.core.cloud.wire.ProtoValues;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.cloud.v1.Telemetry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TelemetryPayloadsTest {

    private final PrivacyFilter filter = PrivacyFixtures.filter(PrivacyPolicy.defaults().withUnknownFields(UnknownFieldsMode.DETECT),
            new PrivacyFixtures.MemoryConsent(true));

    @Test
    void aStateReportBecomesTelemetryChangesInOrder() throws Exception {
        Value nested = new Value.Struct(Map.of("a", new Value.Array(List.of(Value.of(1), Value.of(2.5), Value.of("x")))));
        FilteredTelemetry t = filter.filter("lamp-1", Optional.of(PrivacyFixtures.lamp()), new DeviceEvent.StateReported(
                Map.of("2.1", Value.of(true), "extra", nested), Instant.ofEpochMilli(1717000000123L))).orElseThrow();
        Telemetry msg = Telemetry.parseFrom(TelemetryPayloads.telemetry(t, 7).message().toByteArray());
        assertThat(msg.getSchemaVersion()).isEqualTo(TelemetryPayloads.SCHEMA_VERSION);
        assertThat(msg.getDevice()).isEqualTo("lamp-1");
        assertThat(msg.getId()).isEqualTo(7);
        assertThat(msg.getAtMs()).isEqualTo(1717000000123L);
        assertThat(msg.getChangesList()).extracting(p -> p.getKey()).containsExactlyInAnyOrder("2.1", "extra");
        assertThat(msg.getChangesList()).allSatisfy(p ->
                assertThat(ProtoValues.fromProto(p.getValue())).isEqualTo(new ProtoValues.Decoded.Ok<>(t.values().get(p.getKey()))));
        assertThat(msg.hasEvent()).isFalse();
    }

    @Test
    void anEventCarriesItsKeyNameAndFilteredArgs() {
        FilteredTelemetry t = filter.filter("lock-1", Optional.of(PrivacyFixtures.lock()), new DeviceEvent.EventTriggered(
                "2.1", Map.of("user", Value.of("u-1"), "method", Value.of(2)), Instant.EPOCH)).orElseThrow();
        Telemetry msg = TelemetryPayloads.telemetry(t, 1).message();
        assertThat(msg.getEvent().getKey()).isEqualTo("2.1");
        assertThat(msg.getEvent().getName()).isEqualTo("unlocked");
        assertThat(msg.getEvent().getArgsMap()).containsOnlyKeys("method");
        assertThat(msg.getChangesList()).isEmpty();
    }
}
