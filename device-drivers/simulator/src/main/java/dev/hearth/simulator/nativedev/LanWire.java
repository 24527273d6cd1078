package dev.hearth.simulator.nativedev;

import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.lan.LanValues;
import dev.hearth.protocols.lan.v1.Event;
import dev.hearth.protocols.lan.v1.LanMessage;
import dev.hearth.protocols.lan.v1.PropertyReport;
import dev.hearth.protocols.lan.v1.PropertyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a simulated device writes on the LAN and how it reads a gateway's values: the device's
 * side of lan.proto, built on protocols' {@link LanValues} and nothing of the driver's. Its
 * frames are checked byte for byte against protocols' golden fixtures (LanWireFixturesTest), so
 * a codec bug shared with the driver cannot pass the simulator's tests.
 */
final class LanWire {
    private LanWire() {
    }

    /** A declared property, {@code key} as {@code "siid.piid"}. */
    static PropertyValue declared(String key, Value value) {
        int dot = key.indexOf('.');
        if (dot <= 0) throw new IllegalArgumentException("not a siid.piid key: " + key);
        return PropertyValue.newBuilder().setSiid(Integer.parseInt(key.substring(0, dot)))
                .setPiid(Integer.parseInt(key.substring(dot + 1))).setValue(LanValues.toLan(value)).build();
    }

    /** A field addressed by name, as newer or hostile firmware sends one. */
    static PropertyValue named(String name, Value value) {
        return PropertyValue.newBuilder().setName(name).setValue(LanValues.toLan(value)).build();
    }

    /** A property report of {@code values}, in their order. */
    static LanMessage report(List<PropertyValue> values, long deviceTimeMs, long seq) {
        return LanMessage.newBuilder().setPropertyReport(PropertyReport.newBuilder().addAllValues(values)
                .setDeviceTimeMs(deviceTimeMs).setSeq(seq)).build();
    }

    /** A property report of declared properties keyed {@code "siid.piid"}, in the map's order. */
    static LanMessage report(Map<String, Value> byKey, long deviceTimeMs, long seq) {
        List<PropertyValue> values = new ArrayList<>();
        byKey.forEach((k, v) -> values.add(declared(k, v)));
        return report(values, deviceTimeMs, seq);
    }

    /** An event with its arguments in the map's order. */
    static LanMessage event(int siid, int eiid, Map<String, Value> args, long deviceTimeMs, long seq) {
        Event.Builder e = Event.newBuilder().setSiid(siid).setEiid(eiid).setDeviceTimeMs(deviceTimeMs).setSeq(seq);
        args.forEach((k, v) -> e.putArgs(k, LanValues.toLan(v)));
        return LanMessage.newBuilder().setEvent(e).build();
    }

    /** An action's arguments as the device reads them; one it cannot read is left out, as before. */
    static List<Value> args(List<dev.hearth.protocols.lan.v1.Value> wire) {
        List<Value> out = new ArrayList<>();
        wire.forEach(a -> LanValues.fromLan(a).ifPresent(out::add));
        return out;
    }
}
