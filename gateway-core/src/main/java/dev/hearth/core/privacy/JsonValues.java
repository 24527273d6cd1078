package dev.hearth.core.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.driver.api.value.Value;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON (Jackson trees) to and from {@link Value}. JSON null has no Value: it is refused. */
final class JsonValues {

    private JsonValues() {
    }

    /** The value of {@code node}; {@code where} names it in the error for a null or an unsupported number. */
    static Value fromJson(JsonNode node, String where) {
        if (node.isBoolean()) return new Value.Bool(node.booleanValue());
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) throw new IllegalArgumentException(where + ": integer out of range");
            return new Value.Int(node.longValue());
        }
        if (node.isNumber()) {
            double d = node.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) throw new IllegalArgumentException(where + ": number out of range");
            return new Value.Real(d);
        }
        if (node.isTextual()) return new Value.Text(node.textValue());
        if (node.isArray()) {
            List<Value> items = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) items.add(fromJson(node.get(i), where + "[" + i + "]"));
            return new Value.Array(items);
        }
        if (node.isObject()) {
            Map<String, Value> fields = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.put(e.getKey(), fromJson(e.getValue(), where + "." + e.getKey()));
            }
            return new Value.Struct(fields);
        }
        throw new IllegalArgumentException(where + ": " + (node.isNull() ? "null is not a value" : "unsupported JSON " + node.getNodeType()));
    }

    static JsonNode toJson(Value v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v instanceof Value.Bool x) return f.booleanNode(x.value());
        if (v instanceof Value.Int x) return f.numberNode(x.value());
        if (v instanceof Value.Real x) return f.numberNode(x.value());
        if (v instanceof Value.Text x) return f.textNode(x.value());
        if (v instanceof Value.Array x) {
            ArrayNode a = f.arrayNode();
            x.items().forEach(i -> a.add(toJson(i)));
            return a;
        }
        ObjectNode o = f.objectNode();
        ((Value.Struct) v).fields().forEach((k, fv) -> o.set(k, toJson(fv)));
        return o;
    }
}
