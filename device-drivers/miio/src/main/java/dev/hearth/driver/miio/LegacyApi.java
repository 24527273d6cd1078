package dev.hearth.driver.miio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hearth.driver.api.CommandOutcome;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.driver.api.model.Access;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.DeviceModel.PropertyRef;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.miio.MiioRpcMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Legacy miIO: {@code get_prop ["power", ...]} answered positionally, {@code set_power ["on"]}. */
final class LegacyApi implements MiioApi {
    private final DeviceModel model;
    private final List<Poll> polls;

    LegacyApi(DeviceModel model, int maxPropsPerRequest) {
        if (maxPropsPerRequest < 1) throw new IllegalArgumentException("miio.maxPropsPerRequest must be at least 1");
        this.model = model;
        List<PropertyRef> polled = model.properties().stream()
                .filter(r -> r.property().legacyName().isPresent() && r.property().access().contains(Access.READ))
                .filter(r -> !MiioApi.isInfoService(model, r.service()))
                .toList();
        this.polls = MiioApi.chunks(polled, maxPropsPerRequest).stream().map(LegacyApi::poll).toList();
    }

    @Override
    public List<Poll> polls() {
        return polls;
    }

    private static Poll poll(List<PropertyRef> refs) {
        ArrayNode names = JsonNodeFactory.instance.arrayNode();
        refs.forEach(r -> names.add(r.property().legacyName().orElseThrow()));
        return new Poll(RpcCall.query("get_prop", names), result -> read(refs, result));
    }

    /** A legacy reply is positional: the i-th value answers the i-th name asked. */
    private static Map<String, Value> read(List<PropertyRef> refs, JsonNode result) {
        Map<String, Value> values = new LinkedHashMap<>();
        if (!result.isArray()) return values;
        for (int i = 0; i < refs.size() && i < result.size(); i++) {
            PropertyRef r = refs.get(i);
            JsonValues.fromJson(result.get(i), r.property().type()).ifPresent(v -> values.put(r.key(), v));
        }
        return values;
    }

    @Override
    public List<RpcCall> plan(DeviceCommand command) throws JsonValues.InvalidValue {
        if (!(command instanceof DeviceCommand.SetProperties set)) {
            throw new JsonValues.InvalidValue(model.model() + " is a legacy miIO device without actions");
        }
        List<RpcCall> calls = new ArrayList<>();
        for (Map.Entry<String, Value> e : set.values().entrySet()) {
            PropertyRef r = model.property(e.getKey())
                    .orElseThrow(() -> new JsonValues.InvalidValue(model.model() + " has no property " + e.getKey()));
            String name = r.property().legacyName()
                    .orElseThrow(() -> new JsonValues.InvalidValue(e.getKey() + " has no legacy name"));
            if (!r.property().writable()) throw new JsonValues.InvalidValue(e.getKey() + " is read-only");
            ArrayNode params = JsonNodeFactory.instance.arrayNode().add(JsonValues.toJson(e.getValue(), r.property()));
            String key = r.key();
            Value value = e.getValue();
            calls.add(new RpcCall("set_" + name, params, reply -> List.of(item(key, value, reply))));
        }
        return calls;
    }

    private static CommandOutcome.Item item(String key, Value value, MiioRpcMessage.Reply reply) {
        if (reply instanceof MiioRpcMessage.Failure f) return new CommandOutcome.Item(key, f.code(), f.message(), Optional.empty());
        int code = SetReplies.code(((MiioRpcMessage.Result) reply).result());
        return new CommandOutcome.Item(key, code, SetReplies.message(code), code == 0 ? Optional.of(value) : Optional.empty());
    }
}
