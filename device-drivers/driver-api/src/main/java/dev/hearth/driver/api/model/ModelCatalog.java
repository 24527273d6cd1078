package dev.hearth.driver.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The device models known to this gateway, by model id. Models are JSON files on the class path:
 * every jar that ships models lists them, one resource path a line, in {@value #INDEX}.
 *
 * <p>Model file shape:
 * <pre>{@code
 * {"model": "hearth.light.lamp1", "protocol": "native", "description": "Dimmable lamp",
 *  "options": {"miio.api": "miot"},
 *  "services": [{"siid": 2, "name": "light",
 *    "properties": [{"piid": 1, "name": "on", "type": "bool", "access": ["read","write","notify"],
 *                    "class": "telemetry", "unit": "percentage", "range": [1, 100, 1], "legacy": "power"}],
 *    "actions": [{"aiid": 1, "name": "toggle", "in": [], "requires": "operate"}],
 *    "events": [{"eiid": 1, "name": "unlocked", "args": [{"name": "user", "type": "string", "class": "personal"}]}]}]}
 * }</pre>
 */
public final class ModelCatalog {

    /** The class-path resource listing a jar's model files. */
    public static final String INDEX = "hearth/models.idx";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, DeviceModel> models;

    public ModelCatalog(Collection<DeviceModel> models) {
        Map<String, DeviceModel> byId = new LinkedHashMap<>();
        for (DeviceModel m : models) {
            if (byId.putIfAbsent(m.model(), m) != null) {
                throw new IllegalArgumentException("model " + m.model() + " is defined twice");
            }
        }
        this.models = java.util.Collections.unmodifiableMap(byId);
    }

    /** Loads every model listed in every {@value #INDEX} visible to {@code loader}. */
    public static ModelCatalog fromClasspath(ClassLoader loader) {
        List<DeviceModel> found = new ArrayList<>();
        try {
            Enumeration<URL> indexes = loader.getResources(INDEX);
            while (indexes.hasMoreElements()) {
                URL index = indexes.nextElement();
                try (BufferedReader r = new BufferedReader(new InputStreamReader(index.openStream(), StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        String path = line.strip();
                        if (path.isEmpty() || path.startsWith("#")) continue;
                        try (InputStream in = loader.getResourceAsStream(path)) {
                            if (in == null) throw new IllegalStateException(index + " lists " + path + ", which is missing");
                            found.add(parse(in, path));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read device models", e);
        }
        return new ModelCatalog(found);
    }

    public Optional<DeviceModel> find(String model) {
        return Optional.ofNullable(models.get(model));
    }

    public Collection<DeviceModel> all() {
        return models.values();
    }

    /**
     * Parses one model file. Throws {@link IllegalArgumentException} naming {@code source} and
     * the offending field when the file is not a valid model.
     */
    public static DeviceModel parse(InputStream in, String source) throws IOException {
        JsonNode root = JSON.readTree(in);
        try {
            return model(root);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static DeviceModel model(JsonNode root) {
        Map<String, String> options = new LinkedHashMap<>();
        root.path("options").fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
        List<ServiceSpec> services = new ArrayList<>();
        for (JsonNode s : root.path("services")) {
            services.add(service(s));
        }
        return new DeviceModel(text(root, "model"), text(root, "protocol"), root.path("description").asText(""),
                options, services);
    }

    private static ServiceSpec service(JsonNode s) {
        List<PropertySpec> props = new ArrayList<>();
        for (JsonNode p : s.path("properties")) {
            props.add(property(p));
        }
        List<ActionSpec> actions = new ArrayList<>();
        for (JsonNode a : s.path("actions")) {
            Privilege req = a.has("requires") ? enumOf(Privilege.class, a.get("requires").asText()) : Privilege.OPERATE;
            actions.add(new ActionSpec(integer(a, "aiid"), text(a, "name"), args(a.path("in")), req));
        }
        List<EventSpec> events = new ArrayList<>();
        for (JsonNode e : s.path("events")) {
            events.add(new EventSpec(integer(e, "eiid"), text(e, "name"), args(e.path("args"))));
        }
        return new ServiceSpec(integer(s, "siid"), text(s, "name"), props, actions, events);
    }

    private static PropertySpec property(JsonNode p) {
        Set<Access> access = EnumSet.noneOf(Access.class);
        for (JsonNode a : p.path("access")) {
            access.add(enumOf(Access.class, a.asText()));
        }
        Optional<Range> range = Optional.empty();
        JsonNode r = p.get("range");
        if (r != null) {
            if (!r.isArray() || r.size() < 2) throw new IllegalArgumentException("range must be [min, max, step?]");
            range = Optional.of(new Range(r.get(0).asDouble(), r.get(1).asDouble(), r.size() > 2 ? r.get(2).asDouble() : 0));
        }
        return new PropertySpec(integer(p, "piid"), text(p, "name"), enumOf(ValueType.class, text(p, "type")),
                optionalText(p, "unit"), range, access, enumOf(DataClass.class, text(p, "class")),
                optionalText(p, "legacy"));
    }

    private static List<ArgSpec> args(JsonNode array) {
        List<ArgSpec> args = new ArrayList<>();
        for (JsonNode a : array) {
            args.add(new ArgSpec(text(a, "name"), enumOf(ValueType.class, text(a, "type")),
                    enumOf(DataClass.class, text(a, "class"))));
        }
        return args;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) throw new IllegalArgumentException("missing text field '" + field + "'");
        return v.asText();
    }

    private static Optional<String> optionalText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static int integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt()) throw new IllegalArgumentException("missing integer field '" + field + "'");
        return v.asInt();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is not one of " + EnumSet.allOf(type));
        }
    }
}
