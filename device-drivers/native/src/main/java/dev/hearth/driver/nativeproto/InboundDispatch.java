package dev.hearth.driver.nativeproto;

import dev.hearth.driver.api.DriverCounters;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.lan.LanValues;
import dev.hearth.protocols.lan.v1.PropertyReport;
import dev.hearth.protocols.lan.v1.PropertyValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns a device's reports and event arguments into SPI values. A value that cannot be
 * represented (no kind, not finite, nested too deep) is dropped and counted, not fatal.
 */
final class InboundDispatch {
    private final DriverCounters counters;

    InboundDispatch(DriverCounters counters) {
        this.counters = counters;
    }

    /** Values keyed {@code "siid.piid"}, or by the name the device gave a field its model does not list. */
    Map<String, Value> state(PropertyReport report) {
        Map<String, Value> values = new LinkedHashMap<>();
        for (PropertyValue pv : report.getValuesList()) {
            String key = pv.getName().isEmpty() ? pv.getSiid() + "." + pv.getPiid() : pv.getName();
            convert(pv.getValue()).ifPresent(v -> values.put(key, v));
        }
        return values;
    }

    /** Event arguments, sorted by name (protobuf maps have no order). */
    Map<String, Value> args(Map<String, dev.hearth.protocols.lan.v1.Value> args) {
        Map<String, Value> out = new LinkedHashMap<>();
        new TreeMap<>(args).forEach((name, v) -> convert(v).ifPresent(c -> out.put(name, c)));
        return out;
    }

    private Optional<Value> convert(dev.hearth.protocols.lan.v1.Value v) {
        Optional<Value> c = LanValues.fromLan(v);
        if (c.isEmpty()) counters.increment("dropped_values", "unrepresentable");
        return c;
    }
}
