package dev.hearth.driver.miio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.driver.api.CommandOutcome;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.driver.api.model.Access;
import dev.hearth.driver.api.model.ArgSpec;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.DeviceModel.ActionRef;
import dev.hearth.driver.api.model.DeviceModel.PropertyRef;
import dev.hearth.driver.api.model.PropertySpec;
import dev.hearth.driver.api.value.Value;
import dev.hearth.driver.api.value.ValueJson;
import dev.hearth.protocols.miio.MiioRpcMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** MIoT over miIO: {@code get_properties}, {@code set_properties}, {@code action}, by siid/piid/aiid. */
final class MiotApi implements MiioApi {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final DeviceModel model;
    private final String did;
    private final List<Poll> polls;

    MiotApi(DeviceModel model, long deviceId, int maxPropsPerRequest) {
        if (maxPropsPerRequest < 1) throw new IllegalArgumentException("miio.maxPropsPerRequest must be at least 1");
        this.model = model;
        this.did = Long.toString(deviceId);
        List<PropertyRef> polled = model.properties().stream()
                .filter(r -> r.property().access().contains(Access.READ))
                .filter(r -> !MiioApi.isInfoService(model, r.service()))
                .toList();
        this.polls = MiioApi.chunks(polled, maxPropsPerRequest).stream().map(this::poll).toList();
    }

    @Override
    public List<Poll> polls() {
        return polls;
    }

    private Poll poll(List<PropertyRef> refs) {
        ArrayNode params = NODES.arrayNode();
        refs.forEach(r -> params.addObject().put("did", did).put("siid", r.service().siid()).put("piid", r.property().piid()));
        return new Poll(RpcCall.query("get_properties", params), this::read);
    }

    /** MIoT replies name each value by siid and piid; entries with a non-zero code are left out. */
    private Map<String, Value> read(JsonNode result) {
        Map<String, Value> values = new LinkedHashMap<>();
        for (JsonNode entry : result) {
            if (entry.path("code").asInt(-1) != 0) continue;
            model.property(entry.path("siid").asInt(), entry.path("piid").asInt()).ifPresent(r ->
                    JsonValues.fromJson(entry.get("value"), r.property().type()).ifPresent(v -> values.put(r.key(), v)));
        }
        return values;
    }

    @Override
    public List<RpcCall> plan(DeviceCommand command) throws JsonValues.InvalidValue {
        if (command instanceof DeviceCommand.InvokeAction action) return List.of(action(action));
        DeviceCommand.SetProperties set = (DeviceCommand.SetProperties) command;
        ArrayNode params = NODES.arrayNode();
        Map<String, Value> byKey = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : set.values().entrySet()) {
            PropertyRef r = model.property(e.getKey())
                    .orElseThrow(() -> new JsonValues.InvalidValue(model.model() + " has no property " + e.getKey()));
            PropertySpec p = r.property();
            if (!p.writable()) throw new JsonValues.InvalidValue(e.getKey() + " is read-only");
            params.addObject().put("did", did).put("siid", r.service().siid()).put("piid", p.piid())
                    .set("value", JsonValues.toJson(e.getValue(), p));
            byKey.put(r.key(), e.getValue());
        }
        return List.of(new RpcCall("set_properties", params, reply -> setOutcome(byKey, reply)));
    }

    private RpcCall action(DeviceCommand.InvokeAction command) throws JsonValues.InvalidValue {
        ActionRef ref = model.action(command.action())
                .orElseThrow(() -> new JsonValues.InvalidValue(model.model() + " has no action " + command.action()));
        List<ArgSpec> in = ref.action().in();
        if (in.size() != command.args().size()) {
            throw new JsonValues.InvalidValue(ref.action().name() + " takes " + in.size() + " arguments, not " + command.args().size());
        }
        ObjectNode params = NODES.objectNode().put("did", did).put("siid", ref.service().siid()).put("aiid", ref.action().aiid());
        ArrayNode args = params.putArray("in");
        command.args().forEach(a -> args.add(ValueJson.toJson(a)));
        String key = ref.key();
        return new RpcCall("action", params, reply -> {
            if (reply instanceof MiioRpcMessage.Failure f) return List.of(new CommandOutcome.Item(key, f.code(), f.message(), Optional.empty()));
            int code = SetReplies.code(((MiioRpcMessage.Result) reply).result());
            return List.of(new CommandOutcome.Item(key, code, SetReplies.message(code), Optional.empty()));
        });
    }

    private static List<CommandOutcome.Item> setOutcome(Map<String, Value> byKey, MiioRpcMessage.Reply reply) {
        List<CommandOutcome.Item> items = new ArrayList<>();
        if (reply instanceof MiioRpcMessage.Failure f) {
            byKey.keySet().forEach(k -> items.add(new CommandOutcome.Item(k, f.code(), f.message(), Optional.empty())));
            return items;
        }
        Map<String, Integer> codes = SetReplies.codes(List.copyOf(byKey.keySet()), ((MiioRpcMessage.Result) reply).result());
        byKey.forEach((k, v) -> {
            int code = codes.get(k);
            items.add(new CommandOutcome.Item(k, code, SetReplies.message(code), code == 0 ? Optional.of(v) : Optional.empty()));
        });
        return items;
    }
}
