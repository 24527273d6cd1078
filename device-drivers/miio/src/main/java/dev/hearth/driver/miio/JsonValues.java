package dev.hearth.driver.miio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hearth.driver.api.model.PropertySpec;
import dev.hearth.driver.api.model.Range;
import dev.hearth.driver.api.model.ValueType;
import dev.hearth.driver.api.value.Value;
import dev.hearth.driver.api.value.ValueJson;
import java.util.Optional;

/** Converts between miIO JSON and {@link Value}s, checking written values against the model. */
final class JsonValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonValues() { }

    /** What a device reported, as a value; the model's type steers numbers, anything else is kept as-is. */
    static Optional<Value> fromJson(JsonNode n, ValueType type) {
        if (n == null || n.isNull() || n.isMissingNode()) return Optional.empty();
        if (type == ValueType.FLOAT && n.isNumber()) return Optional.of(Value.of(n.asDouble()));
        if (type == ValueType.BOOL && n.isIntegralNumber() && (n.asLong() == 0 || n.asLong() == 1)) {
            return Optional.of(Value.of(n.asLong() == 1));
        }
        return Optional.of(ValueJson.fromJson(n));
    }

    /** The JSON to write {@code v} to {@code p}, or an explanation of why it does not fit. */
    static JsonNode toJson(Value v, PropertySpec p) throws InvalidValue {
        switch (p.type()) {
            case BOOL:
                if (v instanceof Value.Bool b) return NODES.booleanNode(b.value());
                throw new InvalidValue(p.name() + " takes a boolean");
            case INT:
                long l;
                if (v instanceof Value.Int i) {
                    l = i.value();
                } else if (v instanceof Value.Real r && r.value() == Math.rint(r.value())) {
                    l = (long) r.value();
                } else {
                    throw new InvalidValue(p.name() + " takes a whole number");
                }
                checkRange(l, p);
                return NODES.numberNode(l);
            case FLOAT:
                double d;
                if (v instanceof Value.Int i) {
                    d = i.value();
                } else if (v instanceof Value.Real r) {
                    d = r.value();
                } else {
                    throw new InvalidValue(p.name() + " takes a number");
                }
                checkRange(d, p);
                return NODES.numberNode(d);
            case STRING:
                if (v instanceof Value.Text t) return NODES.textNode(t.value());
                throw new InvalidValue(p.name() + " takes a string");
            default:
                return ValueJson.toJson(v);
        }
    }

    private static void checkRange(double d, PropertySpec p) throws InvalidValue {
        Optional<Range> range = p.range();
        if (range.isPresent() && !range.get().contains(d)) {
            throw new InvalidValue(p.name() + " must be within [" + range.get().min() + ", " + range.get().max() + "]");
        }
    }

    /** A command value that does not fit the model. */
    static final class InvalidValue extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidValue(String message) {
            super(message, null, false, false);
        }
    }
}
