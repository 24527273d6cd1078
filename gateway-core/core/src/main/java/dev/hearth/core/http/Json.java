package dev.hearth.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;

/** The API's JSON mapper: one configured instance, thread-safe. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    static JsonNode parseObject(byte[] body) {
        if (body.length == 0) throw ApiException.badRequest("the request needs a JSON body");
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) throw ApiException.badRequest("the body must be a JSON object");
            return node;
        } catch (IOException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
