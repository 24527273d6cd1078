package dev.hearth.driver.miio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.driver.api.CommandOutcome;
import dev.hearth.protocols.miio.MiioRpcMessage;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** One miIO call (method and params) and, for commands, how its reply reads as outcome items. */
record RpcCall(String method, JsonNode params, Function<MiioRpcMessage.Reply, List<CommandOutcome.Item>> outcome) {
    RpcCall {
        Objects.requireNonNull(method, "method");
        params = params.deepCopy();
        Objects.requireNonNull(outcome, "outcome");
    }

    static RpcCall query(String method, JsonNode params) {
        return new RpcCall(method, params, reply -> List.of());
    }

    @Override
    public JsonNode params() {
        return params.deepCopy();
    }

    @Override
    public String toString() {
        return "RpcCall[" + method + "]";
    }
}
