package dev.hearth.core.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.driver.api.value.Value;
import dev.hearth.driver.api.value.ValueJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The core of {@code hearth redact}: shows exactly what would leave the home. Reads JSON lines,
 * state reports {@code {"device": "...", "model": "...", "ts": "...", "props": {...}}} or events
 * {@code {"device": "...", "model": "...", "ts": "...", "event": "2.1", "args": {...}}}
 * ({@code model} optional or unknown; {@code ts} ISO-8601 or epoch milliseconds), and writes each
 * record as the filter would send it, in the same shape: dropped fields absent, pseudonymised and
 * generalised values replaced, a record of which nothing may leave not written. A bad line is reported as
 * {@code line N: reason} on the error writer, and the run goes on.
 */
public final class Redactor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrivacyFilter filter;
    private final ModelCatalog models;

    public Redactor(PrivacyFilter filter, ModelCatalog models) {
        this.filter = filter;
        this.models = models;
    }

    /** Redacts every line of {@code in}; I/O errors of the writers propagate. */
    public RedactSummary run(Reader in, Writer out, Writer errors) throws IOException {
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        int lineNo = 0, read = 0, written = 0, withheld = 0, bad = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNo++;
            if (line.isBlank()) continue;
            read++;
            Optional<String> result;
            try {
                result = redact(line);
            } catch (IllegalArgumentException e) {
                errors.write("line " + lineNo + ": " + e.getMessage() + System.lineSeparator());
                bad++;
                continue;
            }
            if (result.isPresent()) {
                out.write(result.get());
                out.write(System.lineSeparator());
                written++;
            } else {
                withheld++;
            }
        }
        out.flush();
        errors.flush();
        return new RedactSummary(read, written, withheld, bad);
    }

    private Optional<String> redact(String line) {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException("not a JSON object");
        JsonNode device = root.get("device");
        if (device == null || !device.isTextual() || device.textValue().isBlank()) {
            throw new IllegalArgumentException("missing text field 'device'");
        }
        JsonNode modelNode = root.get("model");
        if (modelNode != null && !modelNode.isTextual() && !modelNode.isNull()) {
            throw new IllegalArgumentException("'model' must be text");
        }
        Optional<DeviceModel> model = modelNode == null || modelNode.isNull()
                ? Optional.empty() : models.find(modelNode.textValue());
        Instant ts = timestamp(root.get("ts"));
        JsonNode event = root.get("event");
        if (event != null) {
            if (!event.isTextual() || event.textValue().isBlank()) throw new IllegalArgumentException("'event' must be text such as \"2.1\"");
            if (root.has("props")) throw new IllegalArgumentException("a line has either 'props' (a state report) or 'event', not both");
            JsonNode args = root.get("args");
            if (args != null && !args.isObject()) throw new IllegalArgumentException("'args' must be an object");
            Map<String, Value> values = args == null ? Map.of() : values(args, "args.");
            Optional<FilteredTelemetry> filtered = filter.filter(device.textValue(), model,
                    new DeviceEvent.EventTriggered(event.textValue(), values, ts));
            return filtered.map(t -> render(t, modelNode, root.get("ts")));
        }
        JsonNode props = root.get("props");
        if (props == null || !props.isObject()) throw new IllegalArgumentException("missing object field 'props' (or 'event')");
        Optional<FilteredTelemetry> filtered = filter.filter(device.textValue(), model,
                new DeviceEvent.StateReported(values(props, "props."), ts));
        return filtered.map(t -> render(t, modelNode, root.get("ts")));
    }

    private static Map<String, Value> values(JsonNode object, String where) {
        Map<String, Value> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            values.put(e.getKey(), ValueJson.fromJsonStrict(e.getValue(), where + e.getKey()));
        }
        return values;
    }

    private static Instant timestamp(JsonNode ts) {
        if (ts == null) throw new IllegalArgumentException("missing field 'ts'");
        if (ts.isIntegralNumber() && ts.canConvertToLong()) return Instant.ofEpochMilli(ts.longValue());
        if (!ts.isTextual()) throw new IllegalArgumentException("'ts' must be ISO-8601 text or epoch milliseconds");
        try {
            return Instant.parse(ts.textValue());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'ts' is not an ISO-8601 instant: " + ts.textValue());
        }
    }

    private static String render(FilteredTelemetry t, JsonNode model, JsonNode ts) {
        ObjectNode o = JSON.createObjectNode();
        o.put("device", t.deviceId());
        if (model != null && !model.isNull()) o.set("model", model);
        o.set("ts", ts);
        if (t.event().isPresent()) {
            FilteredTelemetry.Event ev = t.event().get();
            o.put("event", ev.key());
            ev.name().ifPresent(n -> o.put("name", n));
            ObjectNode args = o.putObject("args");
            ev.args().forEach((k, v) -> args.set(k, ValueJson.toJson(v)));
        } else {
            ObjectNode props = o.putObject("props");
            t.values().forEach((k, v) -> props.set(k, ValueJson.toJson(v)));
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
