package dev.hearth.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One YAML mapping being read into a record. Every accessor names a key it knows; a wrong value is
 * reported as a problem at {@code path.key} and the default is returned, so reading goes on and every
 * problem is found. {@link #finish()} then reports keys nobody asked for.
 */
final class YamlSection {
    private final ObjectNode node;
    private final String path;
    private final ReadContext ctx;
    private final Set<String> known = new LinkedHashSet<>();

    private YamlSection(ObjectNode node, String path, ReadContext ctx) {
        this.node = node;
        this.path = path;
        this.ctx = ctx;
    }

    static YamlSection empty(String path, ReadContext ctx) {
        return new YamlSection(JsonNodeFactory.instance.objectNode(), path, ctx);
    }

    /** The mapping at {@code path}, or empty (after a problem if it is something else than a mapping). */
    static Optional<YamlSection> of(JsonNode node, String path, ReadContext ctx) {
        if (node == null || node.isNull() || node.isMissingNode()) return Optional.empty();
        if (!(node instanceof ObjectNode object)) {
            ctx.problems().add(path, "expected a mapping (key: value), got " + kind(node));
            return Optional.empty();
        }
        return Optional.of(new YamlSection(object, path, ctx));
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    ReadContext context() {
        return ctx;
    }

    void problem(String key, String message) {
        ctx.problems().add(pathOf(key), message);
    }

    boolean has(String key) {
        known.add(key);
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    /** A nested mapping; empty if absent or not a mapping (then reported). */
    Optional<YamlSection> section(String key) {
        known.add(key);
        return of(node.get(key), pathOf(key), ctx);
    }

    YamlSection sectionOrEmpty(String key) {
        return section(key).orElseGet(() -> empty(pathOf(key), ctx));
    }

    /** Whether {@code key} holds a mapping (for a setting that may be written as a list or a mapping). */
    boolean isMapping(String key) {
        JsonNode v = node.get(key);
        return v != null && v.isObject();
    }

    /** A list's items; empty if absent or not a list (then reported). */
    List<JsonNode> list(String key) {
        if (!has(key)) return List.of();
        JsonNode v = node.get(key);
        if (!v.isArray()) {
            problem(key, "expected a list, got " + kind(v));
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        v.forEach(items::add);
        return items;
    }

    String itemPath(String key, int index) {
        return pathOf(key) + "[" + index + "]";
    }

    /** A single value with {@code ${env:...}} substituted; empty if absent, not a single value, or a variable is missing. */
    Optional<String> text(String key) {
        if (!has(key)) return Optional.empty();
        JsonNode v = node.get(key);
        if (!v.isValueNode()) {
            problem(key, "expected a single value, got " + kind(v));
            return Optional.empty();
        }
        return ctx.env().apply(v.asText(), pathOf(key), ctx.problems());
    }

    String text(String key, String fallback) {
        return text(key).orElse(fallback);
    }

    /** A value that must be present and not blank; empty (after a problem) otherwise. */
    Optional<String> requiredText(String key) {
        if (!has(key)) {
            problem(key, "is required");
            return Optional.empty();
        }
        Optional<String> t = text(key);
        if (t.isPresent() && t.get().isBlank()) {
            problem(key, "must not be blank");
            return Optional.empty();
        }
        return t;
    }

    /** An id usable as an MQTT topic level: letters, digits, '.', '_' and '-'. */
    Optional<String> requiredId(String key) {
        Optional<String> t = requiredText(key);
        if (t.isPresent() && !Checks.ID.matcher(t.get()).matches()) {
            problem(key, quote(t.get()) + " is not a valid id (letters, digits, '.', '_', '-'; at most 64; no '/', '+', '#')");
            return Optional.empty();
        }
        return t;
    }

    boolean bool(String key, boolean fallback) {
        Optional<String> t = text(key);
        if (t.isEmpty()) return fallback;
        return switch (t.get().strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problem(key, "expected true or false, got " + quote(t.get()));
                yield fallback;
            }
        };
    }

    long whole(String key, long fallback, long min, long max) {
        Optional<String> t = text(key);
        if (t.isEmpty()) return fallback;
        long value;
        try {
            value = Long.parseLong(t.get().strip());
        } catch (NumberFormatException notANumber) {
            problem(key, "expected a whole number, got " + quote(t.get()));
            return fallback;
        }
        if (value < min) {
            problem(key, "must be at least " + min + ", got " + value);
            return fallback;
        }
        if (value > max) {
            problem(key, "must be at most " + max + ", got " + value);
            return fallback;
        }
        return value;
    }

    int integer(String key, int fallback, int min, int max) {
        return (int) whole(key, fallback, min, max);
    }

    /** A duration ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}) greater than zero. */
    Duration duration(String key, Duration fallback) {
        Duration d = durationOrZero(key, fallback);
        if (d.isZero()) {
            problem(key, "must be longer than 0");
            return fallback;
        }
        return d;
    }

    Duration durationOrZero(String key, Duration fallback) {
        Optional<String> t = text(key);
        if (t.isEmpty()) return fallback;
        Optional<Duration> d = ConfigDurations.parse(t.get());
        if (d.isEmpty()) {
            problem(key, "expected a duration like 500ms, 30s, 5m, 2h or 7d, got " + quote(t.get()));
            return fallback;
        }
        return d.get();
    }

    /** A size ({@code 512B}, {@code 64KB}, {@code 64MB}, {@code 1GB}) greater than zero. */
    DataSize size(String key, DataSize fallback) {
        Optional<String> t = text(key);
        if (t.isEmpty()) return fallback;
        Optional<DataSize> s = DataSize.parse(t.get());
        if (s.isEmpty()) {
            problem(key, "expected a size like 512KB, 64MB or 1GB, got " + quote(t.get()));
            return fallback;
        }
        if (s.get().bytes() == 0) {
            problem(key, "must be larger than 0");
            return fallback;
        }
        return s.get();
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        Optional<String> t = text(key);
        if (t.isEmpty()) return fallback;
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(t.get().strip())) return e;
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) names.add(e.name().toLowerCase(Locale.ROOT));
        problem(key, "expected one of " + String.join(", ", names) + ", got " + quote(t.get()));
        return fallback;
    }

    /** A list of single values, or {@code fallback} when absent. */
    List<String> textList(String key, List<String> fallback) {
        if (!has(key)) return fallback;
        List<String> out = new ArrayList<>();
        List<JsonNode> items = list(key);
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String itemPath = itemPath(key, i);
            if (!item.isValueNode() || item.isNull()) {
                ctx.problems().add(itemPath, "expected a single value, got " + kind(item));
                continue;
            }
            ctx.env().apply(item.asText(), itemPath, ctx.problems()).ifPresent(out::add);
        }
        return out;
    }

    /**
     * A secret written inline (usually {@code ${env:NAME}}). Problems about it never quote its value.
     */
    Optional<Secret> secret(String key) {
        if (!has(key)) return Optional.empty();
        JsonNode v = node.get(key);
        if (!v.isTextual()) {
            // An unquoted 0011... would be read as a number and silently changed; kind() is not used: it shows values.
            problem(key, v.isContainerNode() ? "expected a single value" : "must be quoted text, so that YAML keeps it exactly");
            return Optional.empty();
        }
        Optional<String> t = ctx.env().apply(v.asText(), pathOf(key), ctx.problems());
        if (t.isPresent() && t.get().isEmpty()) {
            problem(key, "must not be empty");
            return Optional.empty();
        }
        return t.map(Secret::of);
    }

    /** An inline secret, or {@code { ref: NAME }} naming an entry of the secrets file. */
    Optional<SecretSource> secretSource(String key) {
        if (!has(key)) return Optional.empty();
        if (!node.get(key).isObject()) return secret(key).map(InlineSecret::new);
        YamlSection ref = section(key).orElseThrow();
        Optional<String> name = ref.requiredText("ref");
        ref.finish();
        return name.map(SecretRef::new);
    }

    /** Reports every key of this mapping that no accessor asked for. */
    void finish() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (known.contains(name)) continue;
            String suggestion = KeySuggestion.closest(name, known).map(k -> " (did you mean '" + k + "'?)").orElse("");
            ctx.problems().add(pathOf(name), "unknown key" + suggestion);
        }
    }

    static String kind(JsonNode n) {
        if (n.isObject()) return "a mapping";
        if (n.isArray()) return "a list";
        if (n.isNull()) return "nothing";
        return quote(n.asText());
    }

    /** A value for a problem message, shortened so that a pasted blob does not flood the output. */
    static String quote(String value) {
        String shown = value.length() > 60 ? value.substring(0, 57) + "..." : value;
        return "\"" + shown + "\"";
    }
}
