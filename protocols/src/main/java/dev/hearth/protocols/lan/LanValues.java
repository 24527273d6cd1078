package dev.hearth.protocols.lan;

import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.lan.v1.ValueList;
import dev.hearth.protocols.lan.v1.ValueStruct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Converts between the driver SPI's {@link Value} and lan.proto's {@code Value}. The one place
 * that knows both shapes, used by the driver and by the simulated devices.
 */
public final class LanValues {
    /** Deeper nesting than this from a device is refused rather than walked (stack safety). */
    public static final int MAX_DEPTH = 16;

    private LanValues() {
    }

    public static dev.hearth.protocols.lan.v1.Value toLan(Value value) {
        var b = dev.hearth.protocols.lan.v1.Value.newBuilder();
        if (value instanceof Value.Bool v) {
            b.setBoolValue(v.value());
        } else if (value instanceof Value.Int v) {
            b.setIntValue(v.value());
        } else if (value instanceof Value.Real v) {
            b.setDoubleValue(v.value());
        } else if (value instanceof Value.Text v) {
            b.setStringValue(v.value());
        } else if (value instanceof Value.Array v) {
            ValueList.Builder list = ValueList.newBuilder();
            v.items().forEach(i -> list.addItems(toLan(i)));
            b.setListValue(list);
        } else if (value instanceof Value.Struct v) {
            ValueStruct.Builder struct = ValueStruct.newBuilder();
            v.fields().forEach((k, f) -> struct.putFields(k, toLan(f)));
            b.setStructValue(struct);
        }
        return b.build();
    }

    /**
     * The SPI value of a wire value, or empty when it carries nothing (kind not set), is not a
     * finite number, or nests deeper than {@link #MAX_DEPTH}.
     */
    public static Optional<Value> fromLan(dev.hearth.protocols.lan.v1.Value value) {
        return fromLan(value, 0);
    }

    private static Optional<Value> fromLan(dev.hearth.protocols.lan.v1.Value value, int depth) {
        if (depth > MAX_DEPTH) return Optional.empty();
        switch (value.getKindCase()) {
            case BOOL_VALUE:
                return Optional.of(new Value.Bool(value.getBoolValue()));
            case INT_VALUE:
                return Optional.of(new Value.Int(value.getIntValue()));
            case DOUBLE_VALUE:
                double d = value.getDoubleValue();
                return Double.isFinite(d) ? Optional.of(new Value.Real(d)) : Optional.empty();
            case STRING_VALUE:
                return Optional.of(new Value.Text(value.getStringValue()));
            case LIST_VALUE: {
                List<Value> items = new ArrayList<>();
                for (var item : value.getListValue().getItemsList()) {
                    Optional<Value> v = fromLan(item, depth + 1);
                    if (v.isEmpty()) return Optional.empty();
                    items.add(v.get());
                }
                return Optional.of(new Value.Array(items));
            }
            case STRUCT_VALUE: {
                // protobuf maps have no order: sort keys so equal structs convert equally
                Map<String, Value> fields = new LinkedHashMap<>();
                for (var e : new TreeMap<>(value.getStructValue().getFieldsMap()).entrySet()) {
                    Optional<Value> v = fromLan(e.getValue(), depth + 1);
                    if (v.isEmpty()) return Optional.empty();
                    fields.put(e.getKey(), v.get());
                }
                return Optional.of(new Value.Struct(fields));
            }
            default:
                return Optional.empty();
        }
    }
}
