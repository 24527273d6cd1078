package dev.hearth.protocols.miio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * JSON-RPC bodies to and from bytes, with Jackson. Pure and thread-safe; {@link #parse} never
 * throws.
 */
public final class MiioRpcCodec {
    private final ObjectMapper json = new ObjectMapper();

    public byte[] encode(MiioRpcMessage.Request request) {
        ObjectNode n = json.createObjectNode();
        n.put("id", request.id());
        n.put("method", request.method());
        n.set("params", request.params());
        return bytes(n);
    }

    public byte[] encode(MiioRpcMessage.Reply reply) {
        ObjectNode n = json.createObjectNode();
        n.put("id", reply.id());
        if (reply instanceof MiioRpcMessage.Result r) {
            n.set("result", r.result());
        } else if (reply instanceof MiioRpcMessage.Failure f) {
            n.putObject("error").put("code", f.code()).put("message", f.message());
        }
        return bytes(n);
    }

    /** Reads a request or a reply. Bad JSON or a wrong shape is {@link MiioRpcMessage.Malformed}. */
    public MiioRpcMessage parse(byte[] body) {
        JsonNode n;
        try {
            n = json.readTree(body);
        } catch (IOException e) {
            return new MiioRpcMessage.Malformed("bad_json");
        }
        if (n == null || !n.isObject()) return new MiioRpcMessage.Malformed("not_an_object");
        JsonNode id = n.get("id");
        if (id == null || !id.canConvertToInt() || !id.isIntegralNumber() || id.asInt() < 0) {
            return new MiioRpcMessage.Malformed("bad_id");
        }
        JsonNode method = n.get("method");
        if (method != null) {
            if (!method.isTextual() || method.asText().isEmpty()) return new MiioRpcMessage.Malformed("bad_method");
            JsonNode params = n.get("params");
            if (params == null || params.isNull()) params = json.createArrayNode();
            if (!params.isArray() && !params.isObject()) return new MiioRpcMessage.Malformed("bad_params");
            return new MiioRpcMessage.Request(id.asInt(), method.asText(), params);
        }
        JsonNode error = n.get("error");
        if (error != null && !error.isNull()) {
            if (!error.isObject()) return new MiioRpcMessage.Malformed("bad_error");
            JsonNode code = error.get("code");
            if (code == null || !code.canConvertToInt()) return new MiioRpcMessage.Malformed("bad_error_code");
            return new MiioRpcMessage.Failure(id.asInt(), code.asInt(), error.path("message").asText(""));
        }
        JsonNode result = n.get("result");
        if (result == null) return new MiioRpcMessage.Malformed("no_result");
        return new MiioRpcMessage.Result(id.asInt(), result);
    }

    private byte[] bytes(JsonNode n) {
        try {
            return json.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
