package dev.hearth.driver.api.model.miot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.driver.api.model.ActionSpec;
import dev.hearth.driver.api.model.ArgSpec;
import dev.hearth.driver.api.model.DataClass;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.EventSpec;
import dev.hearth.driver.api.model.Privilege;
import dev.hearth.driver.api.model.PropertySpec;
import dev.hearth.driver.api.model.ServiceSpec;
import dev.hearth.driver.api.model.ValueChoice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a MIoT spec instance document (what miot-spec.org serves at
 * {@code /miot-spec-v2/instance?type=<urn>}) into a {@link DeviceModel} for the miIO driver.
 *
 * <p>Fail closed: a document that is not one (not JSON, too large, too deep, no device URN, no
 * services) is {@link SpecReading.Rejected}; an element that does not read (unknown format,
 * missing or duplicate iid, an action naming a property that is not there) is left out of the
 * model and reported with its path. A property the {@link PrivacyClassTable} cannot classify is
 * left out too, so its values arrive as unknown fields, and an event with such an argument is
 * left out, so it stays home. Never throws on input.
 */
public final class MiotSpecReader {

    /** Real documents are tens of kilobytes; the largest (vacuums) stay well under this. */
    public static final int DEFAULT_MAX_BYTES = 1 << 20;
    /** A document is five levels deep (document, services, properties, value-list, entry). */
    public static final int MAX_DEPTH = 16;
    private static final int MAX_PROBLEMS = 200;
    private static final int MAX_TEXT = 200;

    private final PrivacyClassTable classes;
    private final int maxBytes;
    private final ObjectMapper json;

    public MiotSpecReader(PrivacyClassTable classes, int maxBytes) {
        this.classes = classes;
        if (maxBytes <= 0) throw new IllegalArgumentException("maxBytes must be positive");
        this.maxBytes = maxBytes;
        this.json = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(maxBytes).maxDocumentLength(maxBytes).build())
                .build());
    }

    public MiotSpecReader(PrivacyClassTable classes) {
        this(classes, DEFAULT_MAX_BYTES);
    }

    /** The largest document this reader accepts, in bytes. */
    public int maxBytes() { return maxBytes; }

    /** Reads {@code document} as the spec of the device model named {@code model} (e.g. {@code dmaker.fan.p9}). */
    public SpecReading read(byte[] document, String model) {
        if (model == null || model.isBlank()) return rejected("$", "no model name given for the document");
        if (document.length > maxBytes) {
            return rejected("$", "document is " + document.length + " bytes, more than the limit of " + maxBytes);
        }
        JsonNode root;
        try {
            root = json.readTree(document);
        } catch (JsonProcessingException e) {
            return rejected("$", "not a JSON document: " + clip(e.getOriginalMessage()));
        } catch (IOException e) {
            return rejected("$", "unreadable: " + clip(e.getMessage()));
        }
        if (root == null || !root.isObject()) return rejected("$", "a spec document must be a JSON object");
        List<SpecProblem> problems = new ArrayList<>();
        Optional<SpecUrn> type = urn(root, "$", "device", problems);
        if (type.isEmpty()) return new SpecReading.Rejected(problems);
        JsonNode services = root.get("services");
        if (services == null || !services.isArray() || services.isEmpty()) {
            return rejected("$.services", "a spec document must list its services");
        }
        List<ServiceSpec> read = new ArrayList<>();
        List<SpecReading.Unclassified> unclassified = new ArrayList<>();
        Map<String, List<ValueChoice>> valueLists = new LinkedHashMap<>();
        Map<Integer, String> siids = new HashMap<>();
        for (int i = 0; i < services.size(); i++) {
            String path = "$.services[" + i + "]";
            service(services.get(i), path, siids, problems, unclassified, valueLists).ifPresent(read::add);
        }
        JsonNode d = root.get("description");
        String description = d != null && d.isTextual() ? clip(d.asText()) : "";
        try {
            DeviceModel m = new DeviceModel(model, "miio", description,
                    Map.of("miio.api", "miot", "miot.type", type.get().text()), read, valueLists);
            return new SpecReading.Accepted(m, type.get(), capped(problems), unclassified, valueLists);
        } catch (IllegalArgumentException e) {
            problems.add(new SpecProblem("$", clip(e.getMessage())));
            return new SpecReading.Rejected(capped(problems));
        }
    }

    private Optional<ServiceSpec> service(JsonNode s, String path, Map<Integer, String> siids, List<SpecProblem> problems,
                                          List<SpecReading.Unclassified> unclassified,
                                          Map<String, List<ValueChoice>> valueLists) {
        if (!s.isObject()) return fail(problems, path, "a service must be an object");
        Optional<Integer> siid = iid(s, path, problems);
        Optional<SpecUrn> type = urn(s, path, "service", problems);
        if (siid.isEmpty() || type.isEmpty()) return Optional.empty();
        if (siids.putIfAbsent(siid.get(), path) != null) {
            return fail(problems, path + ".iid", "service iid " + siid.get() + " is already used by " + siids.get(siid.get()));
        }
        Map<Integer, SpecProperties.Declared> declared = new LinkedHashMap<>();
        Map<Integer, Optional<DataClass>> classOf = new HashMap<>();
        List<PropertySpec> properties = new ArrayList<>();
        JsonNode ps = list(s, "properties", path, problems);
        for (int i = 0; i < ps.size(); i++) {
            String at = path + ".properties[" + i + "]";
            Optional<SpecProperties.Declared> p = SpecProperties.read(ps.get(i), at, problems);
            if (p.isEmpty()) continue;
            SpecProperties.Declared dp = p.get();
            if (declared.putIfAbsent(dp.piid(), dp) != null) {
                problems.add(new SpecProblem(at + ".iid", "property iid " + dp.piid() + " is listed twice in this service"));
                continue;
            }
            String key = siid.get() + "." + dp.piid();
            Optional<DataClass> c = classes.classOf(type.get(), dp.type());
            classOf.put(dp.piid(), c);
            if (c.isEmpty()) {
                unclassified.add(new SpecReading.Unclassified(key, dp.type(), at));
                continue;
            }
            properties.add(new PropertySpec(dp.piid(), dp.type().name(), dp.valueType(), dp.unit(), dp.range(),
                    dp.access(), c.get(), Optional.empty()));
            if (!dp.choices().isEmpty()) valueLists.put(key, dp.choices());
        }
        List<ActionSpec> actions = new ArrayList<>();
        JsonNode as = list(s, "actions", path, problems);
        Map<Integer, Boolean> aiids = new HashMap<>();
        for (int i = 0; i < as.size(); i++) {
            String at = path + ".actions[" + i + "]";
            JsonNode a = as.get(i);
            if (!a.isObject()) { problems.add(new SpecProblem(at, "an action must be an object")); continue; }
            Optional<Integer> aiid = iid(a, at, problems);
            Optional<SpecUrn> at2 = urn(a, at, "action", problems);
            if (aiid.isEmpty() || at2.isEmpty()) continue;
            if (aiids.putIfAbsent(aiid.get(), true) != null) {
                problems.add(new SpecProblem(at + ".iid", "action iid " + aiid.get() + " is listed twice in this service"));
                continue;
            }
            // an input the table cannot classify is treated as personal: it never leaves with a report
            Optional<List<ArgSpec>> in = args(a, "in", at, declared, classOf, DataClass.PERSONAL, problems);
            in.ifPresent(args -> actions.add(new ActionSpec(aiid.get(), at2.get().name(), args, Privilege.OPERATE)));
        }
        List<EventSpec> events = new ArrayList<>();
        JsonNode es = list(s, "events", path, problems);
        Map<Integer, Boolean> eiids = new HashMap<>();
        for (int i = 0; i < es.size(); i++) {
            String at = path + ".events[" + i + "]";
            JsonNode e = es.get(i);
            if (!e.isObject()) { problems.add(new SpecProblem(at, "an event must be an object")); continue; }
            Optional<Integer> eiid = iid(e, at, problems);
            Optional<SpecUrn> et = urn(e, at, "event", problems);
            if (eiid.isEmpty() || et.isEmpty()) continue;
            if (eiids.putIfAbsent(eiid.get(), true) != null) {
                problems.add(new SpecProblem(at + ".iid", "event iid " + eiid.get() + " is listed twice in this service"));
                continue;
            }
            // an argument without a class leaves the whole event undeclared, so it stays home
            Optional<List<ArgSpec>> args = args(e, "arguments", at, declared, classOf, null, problems);
            args.ifPresent(list -> events.add(new EventSpec(eiid.get(), et.get().name(), list)));
        }
        return Optional.of(new ServiceSpec(siid.get(), type.get().name(), properties, actions, events));
    }

    /** The arguments named by property iid in {@code field}; {@code unknownAs} null means an unclassified one refuses them all. */
    private static Optional<List<ArgSpec>> args(JsonNode element, String field, String path,
                                                Map<Integer, SpecProperties.Declared> declared,
                                                Map<Integer, Optional<DataClass>> classOf, DataClass unknownAs,
                                                List<SpecProblem> problems) {
        JsonNode list = element.get(field);
        if (list == null || list.isNull()) return Optional.of(List.of());
        if (!list.isArray()) return fail(problems, path + "." + field, "must be a list of property iids");
        List<ArgSpec> args = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = path + "." + field + "[" + i + "]";
            JsonNode n = list.get(i);
            if (!n.isIntegralNumber() || !n.canConvertToInt()) return fail(problems, at, "not a property iid");
            SpecProperties.Declared p = declared.get(n.asInt());
            if (p == null) return fail(problems, at, "names property " + n.asInt() + ", which this service does not declare");
            Optional<DataClass> c = classOf.get(p.piid());
            if (c.isEmpty() && unknownAs == null) {
                return fail(problems, at, "argument " + p.type().name() + " has no privacy class; the event stays undeclared");
            }
            args.add(new ArgSpec(p.type().name(), p.valueType(), c.orElse(unknownAs)));
        }
        return Optional.of(args);
    }

    private static JsonNode list(JsonNode n, String field, String path, List<SpecProblem> problems) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        if (!v.isArray()) {
            problems.add(new SpecProblem(path + "." + field, "must be a list"));
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        return v;
    }

    static Optional<Integer> iid(JsonNode n, String path, List<SpecProblem> problems) {
        JsonNode v = n.get("iid");
        if (v == null) return fail(problems, path + ".iid", "missing iid");
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() <= 0) {
            return fail(problems, path + ".iid", "iid must be a positive integer, not " + clip(v.toString()));
        }
        return Optional.of(v.asInt());
    }

    static Optional<SpecUrn> urn(JsonNode n, String path, String kind, List<SpecProblem> problems) {
        JsonNode v = n.get("type");
        if (v == null || !v.isTextual()) return fail(problems, path + ".type", "missing " + kind + " type URN");
        Optional<SpecUrn> urn = SpecUrn.parse(v.asText());
        if (urn.isEmpty()) return fail(problems, path + ".type", "'" + clip(v.asText()) + "' is not a spec URN");
        if (!urn.get().kind().equals(kind)) {
            return fail(problems, path + ".type", "expected a " + kind + " URN, got a " + urn.get().kind() + " one");
        }
        return urn;
    }

    static String clip(String s) {
        if (s == null) return "";
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "...";
    }

    private static List<SpecProblem> capped(List<SpecProblem> problems) {
        if (problems.size() <= MAX_PROBLEMS) return problems;
        List<SpecProblem> out = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
        out.add(new SpecProblem("$", (problems.size() - MAX_PROBLEMS) + " more problems not listed"));
        return out;
    }

    private static SpecReading rejected(String path, String message) {
        return new SpecReading.Rejected(List.of(new SpecProblem(path, message)));
    }

    private static <T> Optional<T> fail(List<SpecProblem> problems, String path, String message) {
        problems.add(new SpecProblem(path, message));
        return Optional.empty();
    }
}
