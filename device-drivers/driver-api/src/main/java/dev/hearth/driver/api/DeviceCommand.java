package dev.hearth.driver.api;

import dev.hearth.driver.api.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A command for one device: set properties, or run an action. */
public sealed interface DeviceCommand {

    /** Set properties, keyed {@code "siid.piid"} (or legacy name). */
    record SetProperties(Map<String, Value> values) implements DeviceCommand {
        public SetProperties {
            if (values.isEmpty()) throw new IllegalArgumentException("nothing to set");
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    /** Run action {@code "siid.aiid"} with positional arguments. */
    record InvokeAction(String action, List<Value> args) implements DeviceCommand {
        public InvokeAction {
            Objects.requireNonNull(action, "action");
            args = List.copyOf(args);
        }
    }
}
