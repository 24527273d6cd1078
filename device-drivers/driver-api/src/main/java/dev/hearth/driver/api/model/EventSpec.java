package dev.hearth.driver.api.model;

import java.util.List;
import java.util.Objects;

/** One event of a service, with its arguments (each with its privacy class). */
public record EventSpec(int eiid, String name, List<ArgSpec> args) {
    public EventSpec {
        if (eiid <= 0) throw new IllegalArgumentException("eiid must be positive: " + eiid);
        Objects.requireNonNull(name, "name");
        args = List.copyOf(args);
    }
}
