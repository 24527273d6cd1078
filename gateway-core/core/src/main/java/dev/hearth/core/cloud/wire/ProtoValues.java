package dev.hearth.core.cloud.wire;

import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.ValueList;
import dev.hearth.protocols.cloud.v1.ValueStruct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one mapping between the cloud wire's {@code hearth.cloud.v1.Value} and driver-api {@link Value},
 * for commands, replies and telemetry alike. Decoding fails closed: a value with no kind set (at any
 * depth), a non-finite number or anything else a {@link Value} refuses is {@link Decoded.Refused}
 * with the reason, never read as something else; the caller refuses the message and counts it.
 */
public final class ProtoValues {
    private ProtoValues() {
    }

    /** What decoding gave: the value, or why there is none. */
    public sealed interface Decoded<T> {
        record Ok<T>(T value) implements Decoded<T> {
            public Ok {
                Objects.requireNonNull(value, "value");
            }
        }

        record Refused<T>(String reason) implements Decoded<T> {
            public Refused {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    public static Decoded<Value> fromProto(dev.hearth.protocols.cloud.v1.Value v) {
        try {
            return new Decoded.Ok<>(decode(v, "value"));
        } catch (Unreadable e) {
            return new Decoded.Refused<>(e.getMessage());
        }
    }

    public static Decoded<List<Value>> fromProto(List<dev.hearth.protocols.cloud.v1.Value> values) {
        try {
            List<Value> out = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) out.add(decode(values.get(i), "argument " + (i + 1)));
            return new Decoded.Ok<>(List.copyOf(out));
        } catch (Unreadable e) {
            return new Decoded.Refused<>(e.getMessage());
        }
    }

    /** Properties by key; an empty key or a key set twice is refused like an unreadable value. */
    public static Decoded<Map<String, Value>> properties(List<Property> props) {
        var out = new LinkedHashMap<String, Value>();
        try {
            for (var p : props) {
                if (p.getKey().isEmpty()) return new Decoded.Refused<>("a property with an empty key");
                if (out.put(p.getKey(), decode(p.getValue(), "property " + p.getKey())) != null) {
                    return new Decoded.Refused<>("property " + p.getKey() + " set twice");
                }
            }
        } catch (Unreadable e) {
            return new Decoded.Refused<>(e.getMessage());
        }
        return new Decoded.Ok<>(out);
    }

    public static dev.hearth.protocols.cloud.v1.Value toProto(Value v) {
        var b = dev.hearth.protocols.cloud.v1.Value.newBuilder();
        if (v instanceof Value.Bool x) b.setBoolValue(x.value());
        else if (v instanceof Value.Int x) b.setIntValue(x.value());
        else if (v instanceof Value.Real x) b.setDoubleValue(x.value());
        else if (v instanceof Value.Text x) b.setStringValue(x.value());
        else if (v instanceof Value.Array x) {
            var list = ValueList.newBuilder();
            x.items().forEach(i -> list.addItems(toProto(i)));
            b.setListValue(list);
        } else if (v instanceof Value.Struct x) {
            var struct = ValueStruct.newBuilder();
            x.fields().forEach((k, f) -> struct.putFields(k, toProto(f)));
            b.setStructValue(struct);
        }
        return b.build();
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

    private static Value decode(dev.hearth.protocols.cloud.v1.Value v, String where) {
        try {
            return switch (v.getKindCase()) {
                case BOOL_VALUE -> Value.of(v.getBoolValue());
                case INT_VALUE -> Value.of(v.getIntValue());
                case DOUBLE_VALUE -> Value.of(v.getDoubleValue());
                case STRING_VALUE -> Value.of(v.getStringValue());
                case LIST_VALUE -> {
                    List<Value> items = new ArrayList<>();
                    var list = v.getListValue().getItemsList();
                    for (int i = 0; i < list.size(); i++) items.add(decode(list.get(i), where + "[" + i + "]"));
                    yield new Value.Array(items);
                }
                case STRUCT_VALUE -> {
                    var fields = new LinkedHashMap<String, Value>();
                    for (var f : v.getStructValue().getFieldsMap().entrySet()) {
                        fields.put(f.getKey(), decode(f.getValue(), where + "." + f.getKey()));
                    }
                    yield new Value.Struct(fields);
                }
                case KIND_NOT_SET -> throw new Unreadable(where + ": a value with no kind set");
            };
        } catch (IllegalArgumentException e) {
            throw new Unreadable(where + ": " + e.getMessage());
        }
    }

    /** Unwinds a nested decode to the public result; never leaves this class. */
    private static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }
}
