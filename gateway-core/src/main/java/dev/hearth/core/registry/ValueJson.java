package dev.hearth.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.driver.api.value.Value;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Property values as plain JSON for the registry's state column. Round-trips because Jackson
 * writes a {@link Value.Real} with a decimal point or exponent and a {@link Value.Int} without.
 */
public final class ValueJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ValueJson() {
    }

    public static String write(Map<String, Value> state) {
        ObjectNode o = NODES.objectNode();
        state.forEach((k, v) -> o.set(k, node(v)));
        return o.toString();
    }

    public static Map<String, Value> read(String json) throws IOException {
        JsonNode root = JSON.readTree(json);
        if (root == null || !root.isObject()) throw new IOException("state is not a JSON object");
        Map<String, Value> out = new LinkedHashMap<>();
        root.fields().forEachRemaining(e -> out.put(e.getKey(), value(e.getValue())));
        return out;
    }

    public static JsonNode node(Value v) {
        if (v instanceof Value.Bool b) return NODES.booleanNode(b.value());
        if (v instanceof Value.Int i) return NODES.numberNode(i.value());
        if (v instanceof Value.Real r) return NODES.numberNode(r.value());
        if (v instanceof Value.Text t) return NODES.textNode(t.value());
        if (v instanceof Value.Array a) {
            ArrayNode arr = NODES.arrayNode();
            a.items().forEach(item -> arr.add(node(item)));
            return arr;
        }
        Value.Struct s = (Value.Struct) v;
        ObjectNode o = NODES.objectNode();
        s.fields().forEach((k, f) -> o.set(k, node(f)));
        return o;
    }

    public static Value value(JsonNode n) {
        if (n.isBoolean()) return new Value.Bool(n.booleanValue());
        if (n.isIntegralNumber() && n.canConvertToLong()) return new Value.Int(n.longValue());
        if (n.isNumber()) return new Value.Real(n.doubleValue());
        if (n.isTextual()) return new Value.Text(n.textValue());
        if (n.isArray()) {
            List<Value> items = new ArrayList<>();
            n.forEach(item -> items.add(value(item)));
            return new Value.Array(items);
        }
        if (n.isObject()) {
            Map<String, Value> fields = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> fields.put(e.getKey(), value(e.getValue())));
            return new Value.Struct(fields);
        }
        // null has no Value: kept as text so a stored row never fails to load.
        return new Value.Text(n.asText());
    }
}
