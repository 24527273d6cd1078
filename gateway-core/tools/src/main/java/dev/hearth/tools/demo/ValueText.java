package dev.hearth.tools.demo;

import dev.hearth.core.cloud.command.ProtoValues;
import dev.hearth.driver.api.value.Value;
import java.util.Locale;
import java.util.stream.Collectors;

/** Short, readable renderings of property values for the demo's story: {@code 21.4}, {@code "docked"}, {@code {x=1.2, y=0.5}}. */
final class ValueText {
    private ValueText() {
    }

    static String of(dev.hearth.protocols.cloud.v1.Value v) {
        try {
            return of(ProtoValues.fromProto(v));
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }

    static String of(Value v) {
        if (v instanceof Value.Bool b) return Boolean.toString(b.value());
        if (v instanceof Value.Int i) return Long.toString(i.value());
        if (v instanceof Value.Real r) return String.format(Locale.ROOT, "%.6g", r.value()).replaceAll("\\.?0+$", "");
        if (v instanceof Value.Text t) return "\"" + t.value() + "\"";
        if (v instanceof Value.Array a) return a.items().stream().map(ValueText::of).collect(Collectors.joining(", ", "[", "]"));
        Value.Struct s = (Value.Struct) v;
        return s.fields().entrySet().stream().map(e -> e.getKey() + "=" + of(e.getValue())).collect(Collectors.joining(", ", "{", "}"));
    }
}
