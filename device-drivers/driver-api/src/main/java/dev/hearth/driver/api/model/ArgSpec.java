package dev.hearth.driver.api.model;

import java.util.Objects;

/** One argument of an event or action, with its privacy class. */
public record ArgSpec(String name, ValueType type, DataClass dataClass) {
    public ArgSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(dataClass, "dataClass");
    }
}
