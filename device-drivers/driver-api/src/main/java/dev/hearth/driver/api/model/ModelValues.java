package dev.hearth.driver.api.model;

import dev.hearth.driver.api.value.Value;
import java.util.Locale;
import java.util.Map;

/**
 * What a declared type admits, and how to name a value's shape without showing the value (for a
 * log line or a review listing). Shared by report validation and the privacy filter, so both
 * agree on what "the declared type" means.
 */
public final class ModelValues {
    private ModelValues() {
    }

    /**
     * Whether {@code value} has the declared type. An integer is an acceptable float (JSON
     * writers rarely write 20.0); JSON admits any value. A list or object never fits a scalar type.
     */
    public static boolean fits(ValueType type, Value value) {
        return switch (type) {
            case BOOL -> value instanceof Value.Bool;
            case INT -> value instanceof Value.Int;
            case FLOAT -> value instanceof Value.Real || value instanceof Value.Int;
            case STRING -> value instanceof Value.Text;
            case JSON -> true;
        };
    }

    /** The JSON type of a value: bool, int, float, string, array or object. Never the value itself. */
    public static String kind(Value value) {
        if (value instanceof Value.Bool) return "bool";
        if (value instanceof Value.Int) return "int";
        if (value instanceof Value.Real) return "float";
        if (value instanceof Value.Text) return "string";
        if (value instanceof Value.Array) return "array";
        return "object";
    }

    /** The declared type as written in a model file. */
    public static String name(ValueType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /**
     * How big a value is, counting one per node plus one per character of every string and key,
     * stopping early once past {@code limit} (so measuring a hostile value costs at most {@code limit}).
     */
    public static long weight(Value value, long limit) {
        long[] total = {0};
        walk(value, limit, total);
        return total[0];
    }

    private static void walk(Value value, long limit, long[] total) {
        if (total[0] > limit) return;
        total[0]++;
        if (value instanceof Value.Text t) {
            total[0] += t.value().length();
        } else if (value instanceof Value.Array a) {
            for (Value v : a.items()) {
                if (total[0] > limit) return;
                walk(v, limit, total);
            }
        } else if (value instanceof Value.Struct s) {
            for (Map.Entry<String, Value> e : s.fields().entrySet()) {
                if (total[0] > limit) return;
                total[0] += e.getKey().length();
                walk(e.getValue(), limit, total);
            }
        }
    }

    /** The numeric value of an int or float, as a double; NaN for anything else. */
    static double number(Value value) {
        if (value instanceof Value.Int i) return i.value();
        if (value instanceof Value.Real r) return r.value();
        return Double.NaN;
    }
}
