package dev.hearth.driver.api.model.miot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.driver.api.model.Access;
import dev.hearth.driver.api.model.Range;
import dev.hearth.driver.api.model.ValueChoice;
import dev.hearth.driver.api.model.ValueType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads one property element of a spec document; every oddity becomes a {@link SpecProblem}. */
final class SpecProperties {
    private SpecProperties() { }

    /** A property as the document declares it, before the privacy table is asked. */
    record Declared(int piid, SpecUrn type, ValueType valueType, Optional<String> unit, Optional<Range> range,
                    Set<Access> access, List<ValueChoice> choices) { }

    /** A MIoT format: Hearth's type and, for integers, the bounds the format itself implies. */
    private record Format(ValueType type, Optional<Range> bounds) { }

    private static final Map<String, Format> FORMATS = Map.ofEntries(
            Map.entry("bool", new Format(ValueType.BOOL, Optional.empty())),
            Map.entry("uint8", new Format(ValueType.INT, Optional.of(new Range(0, 255, 0)))),
            Map.entry("uint16", new Format(ValueType.INT, Optional.of(new Range(0, 65_535, 0)))),
            Map.entry("uint32", new Format(ValueType.INT, Optional.of(new Range(0, 4_294_967_295d, 0)))),
            Map.entry("int8", new Format(ValueType.INT, Optional.of(new Range(-128, 127, 0)))),
            Map.entry("int16", new Format(ValueType.INT, Optional.of(new Range(-32_768, 32_767, 0)))),
            Map.entry("int32", new Format(ValueType.INT, Optional.of(new Range(Integer.MIN_VALUE, Integer.MAX_VALUE, 0)))),
            Map.entry("int64", new Format(ValueType.INT, Optional.empty())),
            Map.entry("float", new Format(ValueType.FLOAT, Optional.empty())),
            Map.entry("string", new Format(ValueType.STRING, Optional.empty())),
            // hex is a hex-encoded byte string on the wire
            Map.entry("hex", new Format(ValueType.STRING, Optional.empty())));

    private static final int MAX_CHOICES = 256;

    /** The property at {@code path}, or empty (with the reason in {@code problems}). */
    static Optional<Declared> read(JsonNode p, String path, List<SpecProblem> problems) {
        if (!p.isObject()) return fail(problems, path, "a property must be an object");
        Optional<Integer> iid = MiotSpecReader.iid(p, path, problems);
        if (iid.isEmpty()) return Optional.empty();
        Optional<SpecUrn> type = MiotSpecReader.urn(p, path, "property", problems);
        if (type.isEmpty()) return Optional.empty();
        JsonNode f = p.get("format");
        if (f == null || !f.isTextual()) return fail(problems, path + ".format", "missing format");
        Format format = FORMATS.get(f.asText());
        if (format == null) return fail(problems, path + ".format", "unknown format '" + MiotSpecReader.clip(f.asText()) + "'");
        Set<Access> access = EnumSet.noneOf(Access.class);
        JsonNode a = p.get("access");
        if (a == null || !a.isArray()) return fail(problems, path + ".access", "access must be a list");
        for (int i = 0; i < a.size(); i++) {
            JsonNode x = a.get(i);
            Optional<Access> one = x.isTextual() ? access(x.asText()) : Optional.empty();
            if (one.isEmpty()) return fail(problems, path + ".access[" + i + "]", "not one of read, write, notify");
            access.add(one.get());
        }
        Optional<String> unit = Optional.empty();
        JsonNode u = p.get("unit");
        if (u != null && !u.isNull()) {
            if (!u.isTextual()) return fail(problems, path + ".unit", "unit must be text");
            if (!u.asText().isBlank() && !u.asText().equals("none")) unit = Optional.of(MiotSpecReader.clip(u.asText()));
        }
        Optional<Range> range = format.bounds();
        JsonNode r = p.get("value-range");
        if (r != null && !r.isNull()) {
            Optional<Range> declared = range(r, path + ".value-range", problems);
            if (declared.isEmpty()) return Optional.empty();
            if (format.type() != ValueType.INT && format.type() != ValueType.FLOAT) {
                return fail(problems, path + ".value-range", "a range on a " + f.asText() + " property");
            }
            range = declared;
        }
        List<ValueChoice> choices = new ArrayList<>();
        JsonNode l = p.get("value-list");
        if (l != null && !l.isNull()) {
            if (format.type() != ValueType.INT) return fail(problems, path + ".value-list", "a value list on a " + f.asText() + " property");
            if (!choices(l, path + ".value-list", choices, problems)) return Optional.empty();
            if (!choices.isEmpty() && r == null) {
                // the validator checks ranges, not sets: bound the value by the list's extremes
                long min = choices.stream().mapToLong(ValueChoice::value).min().getAsLong();
                long max = choices.stream().mapToLong(ValueChoice::value).max().getAsLong();
                range = Optional.of(new Range(min, max, 0));
            }
        }
        return Optional.of(new Declared(iid.get(), type.get(), format.type(), unit, range, access, choices));
    }

    private static Optional<Range> range(JsonNode r, String path, List<SpecProblem> problems) {
        if (!r.isArray() || r.size() < 2 || r.size() > 3) return fail(problems, path, "must be [min, max] or [min, max, step]");
        for (int i = 0; i < r.size(); i++) {
            if (!r.get(i).isNumber() || !Double.isFinite(r.get(i).asDouble())) return fail(problems, path + "[" + i + "]", "not a number");
        }
        double min = r.get(0).asDouble();
        double max = r.get(1).asDouble();
        double step = r.size() == 3 ? r.get(2).asDouble() : 0;
        if (min > max) return fail(problems, path, "min " + min + " is greater than max " + max);
        if (step < 0) return fail(problems, path + "[2]", "negative step " + step);
        return Optional.of(new Range(min, max, step));
    }

    private static boolean choices(JsonNode l, String path, List<ValueChoice> out, List<SpecProblem> problems) {
        if (!l.isArray()) return fail(problems, path, "must be a list").isPresent();
        if (l.size() > MAX_CHOICES) return fail(problems, path, "more than " + MAX_CHOICES + " entries").isPresent();
        for (int i = 0; i < l.size(); i++) {
            JsonNode c = l.get(i);
            String at = path + "[" + i + "]";
            if (!c.isObject()) return fail(problems, at, "must be {value, description}").isPresent();
            JsonNode v = c.get("value");
            if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) return fail(problems, at + ".value", "not an integer").isPresent();
            JsonNode d = c.get("description");
            String description = d != null && d.isTextual() ? MiotSpecReader.clip(d.asText()) : Long.toString(v.asLong());
            if (out.stream().anyMatch(x -> x.value() == v.asLong())) {
                return fail(problems, at + ".value", "value " + v.asLong() + " is listed twice").isPresent();
            }
            out.add(new ValueChoice(v.asLong(), description));
        }
        return true;
    }

    private static Optional<Access> access(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "read" -> Optional.of(Access.READ);
            case "write" -> Optional.of(Access.WRITE);
            case "notify" -> Optional.of(Access.NOTIFY);
            default -> Optional.empty();
        };
    }

    private static <T> Optional<T> fail(List<SpecProblem> problems, String path, String message) {
        problems.add(new SpecProblem(path, message));
        return Optional.empty();
    }
}
