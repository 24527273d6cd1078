package dev.hearth.protocols.miio;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * JSON-RPC bodies to and from bytes, with Jackson's streaming API around the tree of the
 * parameters or result: every request and reply passes through here on both sides of a round
 * trip, and building or walking a tree for the envelope too costs more than the envelope is
 * worth. Pure and thread-safe; {@link #parse} never throws.
 */
public final class MiioRpcCodec {
    /** A device's error text is kept to this many characters (it reaches replies and logs). */
    static final int MAX_ERROR_TEXT = 200;
    private final ObjectMapper json = new ObjectMapper();

    public byte[] encode(MiioRpcMessage.Request request) {
        return write(g -> {
            g.writeNumberField("id", request.id());
            g.writeStringField("method", request.method());
            g.writeFieldName("params");
            json.writeTree(g, request.paramsView());
        });
    }

    public byte[] encode(MiioRpcMessage.Reply reply) {
        return write(g -> {
            g.writeNumberField("id", reply.id());
            if (reply instanceof MiioRpcMessage.Result r) {
                g.writeFieldName("result");
                json.writeTree(g, r.resultView());
            } else if (reply instanceof MiioRpcMessage.Failure f) {
                g.writeObjectFieldStart("error");
                g.writeNumberField("code", f.code());
                g.writeStringField("message", f.message());
                g.writeEndObject();
            }
        });
    }

    /** The fields {@code body} writes, in one JSON object. */
    private byte[] write(Fields body) {
        ByteArrayBuilder out = new ByteArrayBuilder(64);
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * Reads a request or a reply. Bad JSON or a wrong shape is {@link MiioRpcMessage.Malformed}.
     * As with a JSON object read into a tree, a repeated key counts with its last value and what
     * follows the object is not read.
     */
    public MiioRpcMessage parse(byte[] body) {
        try (JsonParser p = json.getFactory().createParser(body)) {
            return parse(p);
        } catch (IOException e) {
            return new MiioRpcMessage.Malformed("bad_json");
        }
    }

    private MiioRpcMessage parse(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) return new MiioRpcMessage.Malformed("not_an_object");
        Envelope e = new Envelope();
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "id" -> {
                    e.id = value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
                            ? p.getIntValue() : -1;
                    p.skipChildren();
                }
                case "method" -> {
                    e.hasMethod = true;
                    e.method = value == JsonToken.VALUE_STRING ? p.getText() : "";
                    p.skipChildren();
                }
                case "params" -> e.params = node(p, value);
                case "error" -> e.error = node(p, value);
                case "result" -> e.result = node(p, value);
                default -> e.other(name, node(p, value), json);
            }
        }
        return e.message(json);
    }

    private JsonNode node(JsonParser p, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_NULL ? NullNode.getInstance() : json.readTree(p);
    }

    /** The top-level fields of a body, as read; {@code null} where a field was absent. */
    private static final class Envelope {
        int id = -1;
        boolean hasMethod;
        String method;
        JsonNode params;
        JsonNode error;
        JsonNode result;
        /** The other top-level fields: the result of a device that answers without a "result" key. */
        ObjectNode rest;

        void other(String name, JsonNode value, ObjectMapper json) {
            if (rest == null) rest = json.createObjectNode();
            rest.set(name, value);
        }

        MiioRpcMessage message(ObjectMapper json) {
            if (id < 0) return new MiioRpcMessage.Malformed("bad_id");
            if (hasMethod) {
                if (method.isEmpty()) return new MiioRpcMessage.Malformed("bad_method");
                JsonNode p = params == null || params.isNull() ? json.createArrayNode() : params;
                if (!p.isArray() && !p.isObject()) return new MiioRpcMessage.Malformed("bad_params");
                return new MiioRpcMessage.Request(id, method, p);
            }
            if (error != null && !error.isNull()) return failure(error);
            if (result != null) return new MiioRpcMessage.Result(id, result);
            // python-miio and some firmware answer miIO.info with the info object as the whole
            // payload, beside the id: the rest of the payload is the result
            if (rest != null) return new MiioRpcMessage.Result(id, rest);
            return new MiioRpcMessage.Malformed("no_result");
        }

        /**
         * An error as devices send it: {@code {"code": -5001, "message": "..."}}, the text under
         * {@code "error"} instead of {@code "message"}, or only a text (code -1).
         */
        private MiioRpcMessage failure(JsonNode error) {
            if (error.isTextual()) return new MiioRpcMessage.Failure(id, -1, clip(error.asText()));
            if (!error.isObject()) return new MiioRpcMessage.Malformed("bad_error");
            JsonNode code = error.get("code");
            JsonNode text = error.hasNonNull("message") ? error.get("message") : error.path("error");
            if (code == null) {
                return text.isTextual() ? new MiioRpcMessage.Failure(id, -1, clip(text.asText()))
                        : new MiioRpcMessage.Malformed("bad_error_code");
            }
            if (!code.canConvertToInt()) return new MiioRpcMessage.Malformed("bad_error_code");
            return new MiioRpcMessage.Failure(id, code.asInt(), text.isTextual() ? clip(text.asText()) : "");
        }

        private static String clip(String s) {
            return s.length() <= MAX_ERROR_TEXT ? s : s.substring(0, MAX_ERROR_TEXT);
        }
    }
}
