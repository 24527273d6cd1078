package dev.hearth.driver.api.model;

import dev.hearth.driver.api.value.Value;
import java.util.Optional;

/**
 * Whether a value fits a declared type and range: used by the driver before it sends a command
 * and by simulated devices when they receive one.
 */
public final class ValueConstraints {
    private ValueConstraints() {
    }

    /** Why {@code value} does not fit {@code type} and {@code range}, or empty when it does. */
    public static Optional<String> violation(ValueType type, Optional<Range> range, Value value) {
        boolean fits = switch (type) {
            case BOOL -> value instanceof Value.Bool;
            case INT -> value instanceof Value.Int;
            // an integer is an acceptable float (JSON clients rarely write 20.0)
            case FLOAT -> value instanceof Value.Real || value instanceof Value.Int;
            case STRING -> value instanceof Value.Text;
            case JSON -> value instanceof Value.Struct || value instanceof Value.Array;
        };
        if (!fits) return Optional.of("expected " + type.name().toLowerCase(java.util.Locale.ROOT) + ", got " + kind(value));
        if (range.isPresent()) {
            Optional<Double> number = number(value);
            if (number.isPresent() && !range.get().contains(number.get())) {
                return Optional.of(value + " is outside [" + plain(range.get().min()) + ", " + plain(range.get().max()) + "]");
            }
        }
        return Optional.empty();
    }

    private static Optional<Double> number(Value value) {
        if (value instanceof Value.Int i) return Optional.of((double) i.value());
        if (value instanceof Value.Real r) return Optional.of(r.value());
        return Optional.empty();
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String kind(Value value) {
        if (value instanceof Value.Bool) return "bool";
        if (value instanceof Value.Int) return "int";
        if (value instanceof Value.Real) return "float";
        if (value instanceof Value.Text) return "string";
        if (value instanceof Value.Array) return "list";
        return "object";
    }
}
