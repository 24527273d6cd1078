package dev.hearth.driver.api.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Value}s to and from JSON trees (Jackson), the one mapping every module uses: booleans,
 * whole numbers that fit a long as {@link Value.Int}, other finite numbers as {@link Value.Real},
 * strings, arrays and objects. A {@link Value.Real} is written with a decimal point or an exponent,
 * so it reads back as a Real. JSON null has no Value: {@link #fromJson} keeps it as text,
 * {@link #fromJsonStrict} refuses it.
 */
public final class ValueJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ValueJson() {
    }

    public static JsonNode toJson(Value v) {
        if (v instanceof Value.Bool b) return NODES.booleanNode(b.value());
        if (v instanceof Value.Int i) return NODES.numberNode(i.value());
        if (v instanceof Value.Real r) return NODES.numberNode(r.value());
        if (v instanceof Value.Text t) return NODES.textNode(t.value());
        if (v instanceof Value.Array a) {
            ArrayNode arr = NODES.arrayNode();
            a.items().forEach(item -> arr.add(toJson(item)));
            return arr;
        }
        ObjectNode o = NODES.objectNode();
        ((Value.Struct) v).fields().forEach((k, f) -> o.set(k, toJson(f)));
        return o;
    }

    /**
     * What a device, a stored row or a client sent, as a value; never fails: JSON null and numbers
     * no Value can hold (beyond a double's range) are kept as their text.
     */
    public static Value fromJson(JsonNode n) {
        return convert(n, "", false);
    }

    /**
     * As {@link #fromJson}, but JSON null and out-of-range numbers are an IllegalArgumentException
     * naming the place ({@code where}, then {@code [i]} and {@code .key} for nested values).
     */
    public static Value fromJsonStrict(JsonNode n, String where) {
        return convert(n, where, true);
    }

    private static Value convert(JsonNode n, String where, boolean strict) {
        if (n.isBoolean()) return new Value.Bool(n.booleanValue());
        if (n.isIntegralNumber() && n.canConvertToLong()) return new Value.Int(n.longValue());
        if (n.isNumber()) {
            double d = n.doubleValue();
            if (Double.isFinite(d) && !n.isIntegralNumber()) return new Value.Real(d);
            if (strict) throw new IllegalArgumentException(where + ": " + (n.isIntegralNumber() ? "integer" : "number") + " out of range");
            return Double.isFinite(d) ? new Value.Real(d) : new Value.Text(n.asText());
        }
        if (n.isTextual()) return new Value.Text(n.textValue());
        if (n.isArray()) {
            List<Value> items = new ArrayList<>(n.size());
            for (int i = 0; i < n.size(); i++) items.add(convert(n.get(i), where + "[" + i + "]", strict));
            return new Value.Array(items);
        }
        if (n.isObject()) {
            Map<String, Value> fields = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.put(e.getKey(), convert(e.getValue(), where + "." + e.getKey(), strict));
            }
            return new Value.Struct(fields);
        }
        if (strict) throw new IllegalArgumentException(where + ": " + (n.isNull() ? "null is not a value" : "unsupported JSON " + n.getNodeType()));
        return new Value.Text(n.asText());
    }
}
