package dev.hearth.simulator.miio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.hearth.protocols.miio.MiioRpcMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** A legacy Xiaomi pedestal fan (zhimi.fan.v3): {@code get_prop [names]} and {@code set_<name> [value]}. */
final class FanBehaviour implements MiioBehaviour {
    private static final Predicate<JsonNode> ON_OFF = v -> v.isTextual() && (v.asText().equals("on") || v.asText().equals("off"));

    private final Map<String, JsonNode> state = new ConcurrentHashMap<>();
    private final Map<String, Predicate<JsonNode>> writable = new LinkedHashMap<>();

    FanBehaviour() {
        state.put("power", NODES.textNode("off"));
        state.put("speed_level", NODES.numberNode(35));
        state.put("natural_level", NODES.numberNode(0));
        state.put("angle", NODES.numberNode(60));
        state.put("angle_enable", NODES.textNode("off"));
        state.put("child_lock", NODES.textNode("off"));
        state.put("buzzer", NODES.textNode("on"));
        state.put("led_b", NODES.numberNode(1));
        state.put("temp_dec", NODES.numberNode(231));
        state.put("humidity", NODES.numberNode(45));
        state.put("speed", NODES.numberNode(298));
        state.put("poweroff_time", NODES.numberNode(0));
        state.put("ac_power", NODES.textNode("on"));
        state.put("use_time", NODES.numberNode(2318));
        state.put("battery", NODES.numberNode(98));
        state.put("bat_charge", NODES.textNode("complete"));
        state.put("button_pressed", NODES.textNode("speed"));
        writable.put("power", ON_OFF);
        writable.put("speed_level", range(0, 100));
        writable.put("natural_level", range(0, 100));
        writable.put("angle", range(0, 120));
        writable.put("angle_enable", ON_OFF);
        writable.put("child_lock", ON_OFF);
        writable.put("buzzer", ON_OFF);
        writable.put("led_b", range(0, 2));
        writable.put("poweroff_time", range(0, 86400));
    }

    private static Predicate<JsonNode> range(int min, int max) {
        return v -> v.isIntegralNumber() && v.asInt() >= min && v.asInt() <= max;
    }

    @Override
    public MiioRpcMessage.Reply handle(MiioRpcMessage.Request r) {
        if (r.method().equals("get_prop")) {
            ArrayNode values = NODES.arrayNode();
            // like real fans: an unknown name reads as an empty string
            r.params().forEach(n -> values.add(state.getOrDefault(n.asText(), NODES.textNode(""))));
            return new MiioRpcMessage.Result(r.id(), values);
        }
        if (r.method().startsWith("set_")) {
            String name = r.method().substring(4);
            Predicate<JsonNode> check = writable.get(name);
            JsonNode params = r.params();
            if (check == null) return MiioBehaviour.error(r.id(), -32601, "Method not found.");
            if (!params.isArray() || params.size() != 1 || !check.test(params.get(0))) {
                return MiioBehaviour.error(r.id(), -5001, "command argument error");
            }
            state.put(name, params.get(0));
            return MiioBehaviour.ok(r.id());
        }
        return MiioBehaviour.error(r.id(), -32601, "Method not found.");
    }

    @Override
    public void change(String key, JsonNode value) {
        if (!state.containsKey(key)) throw new IllegalArgumentException("the fan has no " + key);
        state.put(key, value);
    }

    @Override
    public Map<String, JsonNode> state() {
        return Map.copyOf(state);
    }
}
