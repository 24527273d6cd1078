package dev.hearth.simulator.miio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.protocols.miio.MiioRpcMessage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A MIoT plug (cuco.plug.v3): switch on at 2.1, electric power at 2.6 (read-only), indicator
 * light at 3.1; action 2.1 toggles the switch. Codes as MIoT devices give them: -4001 for a
 * property that does not exist, -4002 for one that cannot be written, -4005 for a bad value.
 */
final class PlugBehaviour implements MiioBehaviour {
    private final Map<String, JsonNode> state = new ConcurrentHashMap<>();
    private static final Set<String> WRITABLE = Set.of("2.1", "3.1");

    PlugBehaviour() {
        state.put("2.1", NODES.booleanNode(false));
        state.put("2.6", NODES.numberNode(0.0));
        state.put("3.1", NODES.booleanNode(true));
    }

    @Override
    public MiioRpcMessage.Reply handle(MiioRpcMessage.Request r) {
        switch (r.method()) {
            case "get_properties": {
                ArrayNode out = NODES.arrayNode();
                for (JsonNode p : r.params()) {
                    ObjectNode o = echo(out, p);
                    JsonNode v = state.get(key(p));
                    if (v == null) {
                        o.put("code", -4001);
                    } else {
                        o.put("code", 0).set("value", v);
                    }
                }
                return new MiioRpcMessage.Result(r.id(), out);
            }
            case "set_properties": {
                ArrayNode out = NODES.arrayNode();
                for (JsonNode p : r.params()) {
                    ObjectNode o = echo(out, p);
                    String key = key(p);
                    if (!state.containsKey(key)) {
                        o.put("code", -4001);
                    } else if (!WRITABLE.contains(key)) {
                        o.put("code", -4002);
                    } else if (!p.path("value").isBoolean()) {
                        o.put("code", -4005);
                    } else {
                        state.put(key, p.get("value"));
                        updatePower();
                        o.put("code", 0);
                    }
                }
                return new MiioRpcMessage.Result(r.id(), out);
            }
            case "action": {
                JsonNode p = r.params();
                ObjectNode o = NODES.objectNode().put("did", p.path("did").asText()).put("siid", p.path("siid").asInt())
                        .put("aiid", p.path("aiid").asInt());
                if (p.path("siid").asInt() == 2 && p.path("aiid").asInt() == 1) {
                    state.put("2.1", NODES.booleanNode(!state.get("2.1").asBoolean()));
                    updatePower();
                    o.put("code", 0).putArray("out");
                } else {
                    o.put("code", -4003);
                }
                return new MiioRpcMessage.Result(r.id(), o);
            }
            default:
                return MiioBehaviour.error(r.id(), -32601, "Method not found.");
        }
    }

    private void updatePower() {
        state.put("2.6", NODES.numberNode(state.get("2.1").asBoolean() ? 23.5 : 0.0));
    }

    private static String key(JsonNode p) {
        return p.path("siid").asInt() + "." + p.path("piid").asInt();
    }

    private static ObjectNode echo(ArrayNode out, JsonNode p) {
        return out.addObject().put("did", p.path("did").asText()).put("siid", p.path("siid").asInt()).put("piid", p.path("piid").asInt());
    }

    @Override
    public void change(String key, JsonNode value) {
        if (!state.containsKey(key)) throw new IllegalArgumentException("the plug has no " + key);
        state.put(key, value);
        if (key.equals("2.1")) updatePower();
    }

    @Override
    public Map<String, JsonNode> state() {
        return Map.copyOf(state);
    }
}
