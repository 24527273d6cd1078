package dev.hearth.driver.api.value;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A property value, event argument or action argument, independent of any wire format.
 * Structured values ({@link Struct}, {@link Array}) exist because miIO devices and unknown
 * firmware fields report JSON objects and arrays, which the privacy filter must walk.
 */
public sealed interface Value {

    record Bool(boolean value) implements Value {
        @Override public String toString() { return Boolean.toString(value); }
    }

    record Int(long value) implements Value {
        @Override public String toString() { return Long.toString(value); }
    }

    record Real(double value) implements Value {
        public Real {
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("not a finite number: " + value);
            }
        }
        @Override public String toString() { return Double.toString(value); }
    }

    record Text(String value) implements Value {
        public Text { Objects.requireNonNull(value, "value"); }
        @Override public String toString() { return '"' + value + '"'; }
    }

    record Array(List<Value> items) implements Value {
        public Array { items = List.copyOf(items); }
    }

    /** A JSON-like object; keys keep their insertion order. */
    record Struct(Map<String, Value> fields) implements Value {
        public Struct {
            Objects.requireNonNull(fields, "fields");
            fields.forEach((k, v) -> {
                Objects.requireNonNull(k, "key");
                Objects.requireNonNull(v, "value of " + k);
            });
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    static Value of(boolean b) { return new Bool(b); }
    static Value of(long l) { return new Int(l); }
    static Value of(double d) { return new Real(d); }
    static Value of(String s) { return new Text(s); }
}
