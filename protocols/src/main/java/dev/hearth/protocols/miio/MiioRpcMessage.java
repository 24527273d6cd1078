package dev.hearth.protocols.miio;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The JSON-RPC body of a miIO packet: a request, a reply (result or error), or something that
 * is neither. Jackson nodes are copied in and out, so these values are immutable.
 */
public sealed interface MiioRpcMessage {

    /** {@code {"id":n,"method":"...","params":[...]}}; {@code params} is an array or an object. */
    record Request(int id, String method, JsonNode params) implements MiioRpcMessage {
        public Request {
            requireId(id);
            Objects.requireNonNull(method, "method");
            if (method.isEmpty()) throw new IllegalArgumentException("method must not be empty");
            if (!params.isArray() && !params.isObject()) throw new IllegalArgumentException("params must be an array or an object");
            params = params.deepCopy();
        }

        @Override
        public JsonNode params() {
            return params.deepCopy();
        }

        /** The parameters without a copy, for the codec to write: must not be changed. */
        JsonNode paramsView() {
            return params;
        }

        /** Shows the method only: parameters may carry personal data. */
        @Override
        public String toString() {
            return "Request[id=" + id + ", method=" + method + "]";
        }
    }

    /** A reply to request {@code id}. */
    sealed interface Reply extends MiioRpcMessage {
        int id();
    }

    /** {@code {"id":n,"result":...}}. */
    record Result(int id, JsonNode result) implements Reply {
        public Result {
            requireId(id);
            result = result.deepCopy();
        }

        @Override
        public JsonNode result() {
            return result.deepCopy();
        }

        /** The result without a copy, for the codec to write: must not be changed. */
        JsonNode resultView() {
            return result;
        }

        /** Hides the result: {@code miIO.info} carries the token and network details. */
        @Override
        public String toString() {
            return "Result[id=" + id + "]";
        }
    }

    /** {@code {"id":n,"error":{"code":-5001,"message":"..."}}}. */
    record Failure(int id, int code, String message) implements Reply {
        public Failure {
            requireId(id);
            Objects.requireNonNull(message, "message");
        }
    }

    /** A body that is not valid miIO JSON-RPC, with a short reason. */
    record Malformed(String reason) implements MiioRpcMessage {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    private static void requireId(int id) {
        if (id < 0) throw new IllegalArgumentException("id must not be negative: " + id);
    }
}
