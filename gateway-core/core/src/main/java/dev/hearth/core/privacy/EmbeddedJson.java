package dev.hearth.core.privacy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.driver.api.value.Value;
import dev.hearth.driver.api.value.ValueJson;
import java.util.Optional;

/**
 * A JSON object or array carried inside a string value ({@code "{\"uid\": 1480533933}"}, as
 * devices and cloud relays often send), so the detector can read its keys too. Bounded: at most
 * 16 KiB of text and 32 levels of nesting; anything else is plain text.
 */
final class EmbeddedJson {
    private static final int MAX_CHARS = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build()).build());

    private EmbeddedJson() {
    }

    static Optional<Value> parse(String s) {
        if (s.length() < 2 || s.length() > MAX_CHARS) return Optional.empty();
        String t = s.strip();
        if (t.isEmpty()) return Optional.empty();
        char first = t.charAt(0), last = t.charAt(t.length() - 1);
        if (!((first == '{' && last == '}') || (first == '[' && last == ']'))) return Optional.empty();
        try {
            JsonNode node = JSON.readTree(t);
            return node == null || !(node.isObject() || node.isArray()) ? Optional.empty() : Optional.of(ValueJson.fromJson(node));
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
