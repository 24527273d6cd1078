package dev.hearth.simulator.miio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hearth.protocols.miio.MiioRpcMessage;
import java.util.Map;

/** What a kind of device answers; called on the device's I/O thread only. */
interface MiioBehaviour {
    JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Answers a request other than {@code miIO.info}. Every success carries {@code "result"}. */
    MiioRpcMessage.Reply handle(MiioRpcMessage.Request request);

    /** The device's state: legacy names for legacy devices, {@code "siid.piid"} for MIoT ones. */
    Map<String, JsonNode> state();

    /**
     * Changes a value as someone at the device would (its button, its own app): {@code key} is a
     * key of {@link #state()}. An unknown key is an IllegalArgumentException.
     */
    void change(String key, JsonNode value);

    static MiioRpcMessage.Reply ok(int id) {
        return new MiioRpcMessage.Result(id, NODES.arrayNode().add("ok"));
    }

    static MiioRpcMessage.Reply error(int id, int code, String message) {
        return new MiioRpcMessage.Failure(id, code, message);
    }
}
