package dev.hearth.core.privacy;

import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.cloud.v1.DeviceState;
import dev.hearth.protocols.cloud.v1.DeviceEventRecord;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.Telemetry;
import dev.hearth.protocols.cloud.v1.ValueList;
import dev.hearth.protocols.cloud.v1.ValueStruct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
            b.addChanges(Property.newBuilder().setKey(e.getKey()).setValue(toProto(e.getValue())));
        }
        t.event().ifPresent(ev -> {
            DeviceEventRecord.Builder r = DeviceEventRecord.newBuilder().setKey(ev.key());
            ev.name().ifPresent(r::setName);
            ev.args().forEach((k, v) -> r.putArgs(k, toProto(v)));
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
        t.values().forEach((k, v) -> b.addProperties(Property.newBuilder().setKey(k).setValue(toProto(v))));
        return new CloudPayload<>(b.build());
    }

    public static dev.hearth.protocols.cloud.v1.Value toProto(Value v) {
        dev.hearth.protocols.cloud.v1.Value.Builder b = dev.hearth.protocols.cloud.v1.Value.newBuilder();
        if (v instanceof Value.Bool x) return b.setBoolValue(x.value()).build();
        if (v instanceof Value.Int x) return b.setIntValue(x.value()).build();
        if (v instanceof Value.Real x) return b.setDoubleValue(x.value()).build();
        if (v instanceof Value.Text x) return b.setStringValue(x.value()).build();
        if (v instanceof Value.Array x) {
            ValueList.Builder l = ValueList.newBuilder();
            x.items().forEach(i -> l.addItems(toProto(i)));
            return b.setListValue(l).build();
        }
        Value.Struct s = (Value.Struct) v;
        ValueStruct.Builder sb = ValueStruct.newBuilder();
        s.fields().forEach((k, f) -> sb.putFields(k, toProto(f)));
        return b.setStructValue(sb).build();
    }

    /** The value a cloud.proto value carries; an unset value reads as an empty struct. */
    public static Value fromProto(dev.hearth.protocols.cloud.v1.Value v) {
        return switch (v.getKindCase()) {
            case BOOL_VALUE -> new Value.Bool(v.getBoolValue());
            case INT_VALUE -> new Value.Int(v.getIntValue());
            case DOUBLE_VALUE -> new Value.Real(v.getDoubleValue());
            case STRING_VALUE -> new Value.Text(v.getStringValue());
            case LIST_VALUE -> {
                List<Value> items = new ArrayList<>();
                v.getListValue().getItemsList().forEach(i -> items.add(fromProto(i)));
                yield new Value.Array(items);
            }
            case STRUCT_VALUE -> {
                Map<String, Value> fields = new LinkedHashMap<>();
                v.getStructValue().getFieldsMap().forEach((k, f) -> fields.put(k, fromProto(f)));
                yield new Value.Struct(fields);
            }
            case KIND_NOT_SET -> new Value.Struct(Map.of());
        };
    }
}
