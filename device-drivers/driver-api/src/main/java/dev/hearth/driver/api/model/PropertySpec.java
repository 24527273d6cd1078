package dev.hearth.driver.api.model;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One property of a service. {@code legacyName} is the name a legacy miIO device uses for it
 * in {@code get_prop}/{@code set_*} calls; MIoT and native devices address it by siid/piid.
 */
public record PropertySpec(
        int piid,
        String name,
        ValueType type,
        Optional<String> unit,
        Optional<Range> range,
        Set<Access> access,
        DataClass dataClass,
        Optional<String> legacyName) {

    public PropertySpec {
        if (piid <= 0) throw new IllegalArgumentException("piid must be positive: " + piid);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(range, "range");
        access = access.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(access));
        Objects.requireNonNull(dataClass, "dataClass");
        Objects.requireNonNull(legacyName, "legacyName");
    }

    public boolean writable() {
        return access.contains(Access.WRITE);
    }
}
