package dev.hearth.core.cloud.command;

import dev.hearth.driver.api.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Between the wire's {@code hearth.cloud.v1.Value} and driver-api {@link Value}. */
public final class ProtoValues {
    private ProtoValues() {
    }

    /** @throws IllegalArgumentException for an unset value or a non-finite number */
    public static Value fromProto(dev.hearth.protocols.cloud.v1.Value v) {
        return switch (v.getKindCase()) {
            case BOOL_VALUE -> Value.of(v.getBoolValue());
            case INT_VALUE -> Value.of(v.getIntValue());
            case DOUBLE_VALUE -> Value.of(v.getDoubleValue());
            case STRING_VALUE -> Value.of(v.getStringValue());
            case LIST_VALUE -> new Value.Array(v.getListValue().getItemsList().stream().map(ProtoValues::fromProto).toList());
            case STRUCT_VALUE -> {
                var fields = new LinkedHashMap<String, Value>();
                v.getStructValue().getFieldsMap().forEach((k, f) -> fields.put(k, fromProto(f)));
                yield new Value.Struct(fields);
            }
            case KIND_NOT_SET -> throw new IllegalArgumentException("a value with no kind set");
        };
    }

    public static dev.hearth.protocols.cloud.v1.Value toProto(Value v) {
        var b = dev.hearth.protocols.cloud.v1.Value.newBuilder();
        if (v instanceof Value.Bool x) b.setBoolValue(x.value());
        else if (v instanceof Value.Int x) b.setIntValue(x.value());
        else if (v instanceof Value.Real x) b.setDoubleValue(x.value());
        else if (v instanceof Value.Text x) b.setStringValue(x.value());
        else if (v instanceof Value.Array x) {
            var list = dev.hearth.protocols.cloud.v1.ValueList.newBuilder();
            x.items().forEach(i -> list.addItems(toProto(i)));
            b.setListValue(list);
        } else if (v instanceof Value.Struct x) {
            var struct = dev.hearth.protocols.cloud.v1.ValueStruct.newBuilder();
            x.fields().forEach((k, f) -> struct.putFields(k, toProto(f)));
            b.setStructValue(struct);
        }
        return b.build();
    }

    public static List<Value> fromProto(List<dev.hearth.protocols.cloud.v1.Value> values) {
        return values.stream().map(ProtoValues::fromProto).toList();
    }

    /** Parses a command-line value: true/false, an integer, a decimal, or else text. */
    public static Value parse(String text) {
        if (text.equals("true") || text.equals("false")) return Value.of(Boolean.parseBoolean(text));
        try {
            return Value.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            // not an integer
        }
        try {
            double d = Double.parseDouble(text);
            if (Double.isFinite(d) && !text.isBlank()) return Value.of(d);
        } catch (NumberFormatException e) {
            // not a number
        }
        return Value.of(text);
    }

    static Map<String, Value> properties(List<dev.hearth.protocols.cloud.v1.Property> props) {
        var out = new LinkedHashMap<String, Value>();
        for (var p : props) {
            if (p.getKey().isEmpty()) throw new IllegalArgumentException("a property with an empty key");
            if (out.put(p.getKey(), fromProto(p.getValue())) != null) {
                throw new IllegalArgumentException("property " + p.getKey() + " set twice");
            }
        }
        return out;
    }
}
