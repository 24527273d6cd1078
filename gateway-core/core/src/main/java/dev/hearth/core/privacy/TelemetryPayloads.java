package dev.hearth.core.privacy;

import dev.hearth.core.cloud.wire.ProtoValues;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.cloud.v1.DeviceState;
import dev.hearth.protocols.cloud.v1.DeviceEventRecord;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.Telemetry;
import java.util.Map;

/**
 * Maps a {@link FilteredTelemetry} to the cloud.proto {@code Telemetry} and retained
 * {@code DeviceState} messages (DESIGN.md section 7), wrapped as the {@link CloudPayload} the bridge
 * accepts. Taking only a FilteredTelemetry is the point: nothing unfiltered can be turned into a
 * payload here.
 */
public final class TelemetryPayloads {

    public static final int SCHEMA_VERSION = 1;

    private TelemetryPayloads() {
    }

    /** The telemetry message, with the gateway-wide increasing {@code id} the cloud de-duplicates by. */
    public static CloudPayload<Telemetry> telemetry(FilteredTelemetry t, long id) {
        Telemetry.Builder b = Telemetry.newBuilder()
                .setSchemaVersion(SCHEMA_VERSION)
                .setDevice(t.deviceId())
                .setId(id)
                .setAtMs(t.at().toEpochMilli());
        for (Map.Entry<String, Value> e : t.values().entrySet()) {
            b.addChanges(Property.newBuilder().setKey(e.getKey()).setValue(ProtoValues.toProto(e.getValue())));
        }
        t.event().ifPresent(ev -> {
            DeviceEventRecord.Builder r = DeviceEventRecord.newBuilder().setKey(ev.key());
            ev.name().ifPresent(r::setName);
            ev.args().forEach((k, v) -> r.putArgs(k, ProtoValues.toProto(v)));
            b.setEvent(r);
        });
        return new CloudPayload<>(b.build());
    }

    /** The retained state message: the filtered values of a whole device state. */
    public static CloudPayload<DeviceState> state(FilteredTelemetry t) {
        dev.hearth.protocols.cloud.v1.DeviceState.Builder b = dev.hearth.protocols.cloud.v1.DeviceState.newBuilder()
                .setSchemaVersion(SCHEMA_VERSION)
                .setDevice(t.deviceId())
                .setModel(t.model().orElse(""))
                .setUpdatedMs(t.at().toEpochMilli());
        t.values().forEach((k, v) -> b.addProperties(Property.newBuilder().setKey(k).setValue(ProtoValues.toProto(v))));
        return new CloudPayload<>(b.build());
    }
}
