package dev.hearth.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.driver.api.value.Value;
import dev.hearth.driver.api.value.ValueJson;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A device's state as a JSON object for the registry's state column, with {@link ValueJson}'s
 * mapping; a stored row always loads (JSON null is kept as text).
 */
final class StateJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StateJson() {
    }

    static String write(Map<String, Value> state) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        state.forEach((k, v) -> o.set(k, ValueJson.toJson(v)));
        return o.toString();
    }

    static Map<String, Value> read(String json) throws IOException {
        JsonNode root = JSON.readTree(json);
        if (root == null || !root.isObject()) throw new IOException("state is not a JSON object");
        Map<String, Value> out = new LinkedHashMap<>();
        root.fields().forEachRemaining(e -> out.put(e.getKey(), ValueJson.fromJson(e.getValue())));
        return out;
    }
}
