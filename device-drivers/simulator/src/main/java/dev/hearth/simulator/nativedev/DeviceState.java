package dev.hearth.simulator.nativedev;

import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.PropertySpec;
import dev.hearth.driver.api.model.ValueConstraints;
import dev.hearth.driver.api.model.ValueType;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.lan.LanValues;
import dev.hearth.protocols.lan.v1.ItemResult;
import dev.hearth.protocols.lan.v1.PropertyValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A simulated device's property values, keyed {@code "siid.piid"}, checked against its model the
 * way a device's firmware would. Written on the device's event loop, readable from any thread.
 */
final class DeviceState {
    /** MIoT-style error codes a device answers with. */
    static final int NOT_WRITABLE = -4002;
    static final int NOT_FOUND = -4003;
    static final int INVALID_VALUE = -4005;

    private final DeviceModel model;
    private final Map<String, Value> values = new ConcurrentHashMap<>();

    DeviceState(DeviceModel model) {
        this.model = model;
    }

    DeviceModel model() {
        return model;
    }

    Optional<Value> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Every value, in model order. */
    Map<String, Value> snapshot() {
        Map<String, Value> out = new LinkedHashMap<>();
        for (DeviceModel.PropertyRef ref : model.properties()) {
            Value v = values.get(ref.key());
            if (v != null) out.put(ref.key(), v);
        }
        return out;
    }

    /** Sets a value the device itself decided (sensor reading, state change); true if it changed. */
    boolean put(String key, Value value) {
        if (model.property(key).isEmpty()) throw new IllegalArgumentException("model " + model.model() + " has no property " + key);
        return !value.equals(values.put(key, value));
    }

    double number(String key) {
        Value v = values.get(key);
        if (v instanceof Value.Int i) return i.value();
        if (v instanceof Value.Real r) return r.value();
        return 0;
    }

    String text(String key) {
        return values.get(key) instanceof Value.Text t ? t.value() : "";
    }

    boolean flag(String key) {
        return values.get(key) instanceof Value.Bool b && b.value();
    }

    /** Applies one property of a gateway's SetProperties and says how it went. */
    ItemResult set(PropertyValue pv) {
        ItemResult.Builder result = ItemResult.newBuilder().setSiid(pv.getSiid()).setIid(pv.getPiid());
        Optional<DeviceModel.PropertyRef> ref = model.property(pv.getSiid(), pv.getPiid());
        if (ref.isEmpty()) return result.setCode(NOT_FOUND).setMessage("no such property").build();
        PropertySpec spec = ref.get().property();
        if (!spec.writable()) return result.setCode(NOT_WRITABLE).setMessage(spec.name() + " is read-only").build();
        Optional<Value> value = LanValues.fromLan(pv.getValue());
        if (value.isEmpty()) return result.setCode(INVALID_VALUE).setMessage("no value").build();
        Optional<String> violation = ValueConstraints.violation(spec.type(), spec.range(), value.get());
        if (violation.isPresent()) return result.setCode(INVALID_VALUE).setMessage(violation.get()).build();
        Value v = spec.type() == ValueType.FLOAT && value.get() instanceof Value.Int i ? new Value.Real(i.value()) : value.get();
        values.put(ref.get().key(), v);
        return result.setCode(0).setValue(LanValues.toLan(v)).build();
    }
}
