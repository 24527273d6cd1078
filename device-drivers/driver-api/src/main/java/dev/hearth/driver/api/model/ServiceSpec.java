package dev.hearth.driver.api.model;

import java.util.List;
import java.util.Objects;

/** One MIoT-style service (siid) of a device model. */
public record ServiceSpec(int siid, String name, List<PropertySpec> properties, List<ActionSpec> actions,
                          List<EventSpec> events) {
    public ServiceSpec {
        if (siid <= 0) throw new IllegalArgumentException("siid must be positive: " + siid);
        Objects.requireNonNull(name, "name");
        properties = List.copyOf(properties);
        actions = List.copyOf(actions);
        events = List.copyOf(events);
    }
}
