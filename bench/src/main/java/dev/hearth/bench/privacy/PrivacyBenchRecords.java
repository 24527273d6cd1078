package dev.hearth.bench.privacy;

import dev.hearth.core.privacy.ConsentState;
import dev.hearth.core.privacy.Decisions;
import dev.hearth.core.privacy.Generaliser;
import dev.hearth.core.privacy.HomeKey;
import dev.hearth.core.privacy.PersonalDataDetector;
import dev.hearth.core.privacy.PrivacyFilter;
import dev.hearth.core.privacy.PrivacyPolicy;
import dev.hearth.core.privacy.Pseudonymiser;
import dev.hearth.config.UnknownFieldsMode;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.model.Access;
import dev.hearth.driver.api.model.DataClass;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.PropertySpec;
import dev.hearth.driver.api.model.ServiceSpec;
import dev.hearth.driver.api.model.ValueType;
import dev.hearth.driver.api.value.Value;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The records both privacy benchmarks filter (JMH's {@link PrivacyFilterBench} and the CPU-time
 * program {@link PrivacyFilterCpuTime}), so their numbers are about the same work: a typical
 * report of 10 declared properties of a known model, the same with 5 undeclared strings (one holds
 * a phone number), and the same with 5 undeclared structured values.
 */
final class PrivacyBenchRecords {

    /** The 5 undeclared strings of {@link #withUnknownStrings}, as the detector sees them. */
    static final Map<String, Value> UNKNOWN_STRINGS = unknownStrings();

    final Optional<DeviceModel> model = Optional.of(new DeviceModel("bench.fan.f1", "miio", "fan", Map.of(), List.of(
            new ServiceSpec(2, "fan", List.of(prop(1, "on", ValueType.BOOL, DataClass.TELEMETRY),
                    prop(2, "level", ValueType.INT, DataClass.TELEMETRY), prop(3, "mode", ValueType.STRING, DataClass.TELEMETRY),
                    prop(4, "swing", ValueType.BOOL, DataClass.TELEMETRY), prop(5, "angle", ValueType.INT, DataClass.TELEMETRY),
                    prop(6, "temperature", ValueType.FLOAT, DataClass.TELEMETRY)), List.of(), List.of()),
            new ServiceSpec(3, "diag", List.of(prop(1, "rssi", ValueType.INT, DataClass.DIAGNOSTIC),
                    prop(2, "firmware", ValueType.STRING, DataClass.DIAGNOSTIC)), List.of(), List.of()),
            new ServiceSpec(4, "net", List.of(prop(1, "wifi_ssid", ValueType.STRING, DataClass.PERSONAL),
                    prop(2, "token", ValueType.STRING, DataClass.SECRET)), List.of(), List.of()))));
    /** The default policy (unknown fields dropped). */
    final PrivacyFilter filter;
    /** The opt-in detect mode for unknown fields. */
    final PrivacyFilter detecting;
    final DeviceEvent.StateReported typical;
    final DeviceEvent.StateReported withUnknownStrings;
    final DeviceEvent.StateReported withUnknownStructures;

    PrivacyBenchRecords() {
        ConsentState consent = new ConsentState() {
            @Override public boolean uxProgrammeJoined() { return true; }
            @Override public boolean withdrawn(String userId) { return false; }
            @Override public boolean anyWithdrawn() { return false; }
        };
        byte[] key = new byte[HomeKey.LENGTH];
        filter = new PrivacyFilter(PrivacyPolicy.defaults(), consent, new PersonalDataDetector(),
                new Pseudonymiser(HomeKey.of(key)), new Generaliser(), Decisions.NONE);
        detecting = new PrivacyFilter(PrivacyPolicy.defaults().withUnknownFields(UnknownFieldsMode.DETECT), consent,
                new PersonalDataDetector(), new Pseudonymiser(HomeKey.of(key)), new Generaliser(), Decisions.NONE);
        Map<String, Value> v = new LinkedHashMap<>();
        v.put("2.1", Value.of(true));
        v.put("2.2", Value.of(3));
        v.put("2.3", Value.of("nature"));
        v.put("2.4", Value.of(false));
        v.put("2.5", Value.of(120));
        v.put("2.6", Value.of(26.5));
        v.put("3.1", Value.of(-61));
        v.put("3.2", Value.of("2.1.0.12"));
        v.put("4.1", Value.of("MyHome-5G"));
        v.put("4.2", Value.of("0123456789abcdef0123456789abcdef"));
        typical = new DeviceEvent.StateReported(v, Instant.ofEpochMilli(1717000000000L));
        Map<String, Value> u = new LinkedHashMap<>(v);
        u.putAll(UNKNOWN_STRINGS);
        withUnknownStrings = new DeviceEvent.StateReported(u, Instant.ofEpochMilli(1717000000000L));
        Map<String, Value> n = new LinkedHashMap<>(v);
        n.put("position", new Value.Array(List.of(Value.of(116.203428), Value.of(24.390718))));
        n.put("rgb", new Value.Array(List.of(Value.of(255), Value.of(128), Value.of(0))));
        n.put("peers", new Value.Array(List.of(Value.of("lamp-2"), Value.of("192.168.1.20"), Value.of("fan-3"))));
        n.put("net", new Value.Struct(Map.of("rssi", Value.of(-58), "gw", Value.of("192.168.1.1"), "channel", Value.of(6))));
        n.put("clean", new Value.Struct(Map.of("area", Value.of(31.5), "minutes", Value.of(42), "mode", Value.of("quiet"))));
        withUnknownStructures = new DeviceEvent.StateReported(n, Instant.ofEpochMilli(1717000000000L));
    }

    private static Map<String, Value> unknownStrings() {
        Map<String, Value> u = new LinkedHashMap<>();
        u.put("status_text", Value.of("running in nature mode"));
        u.put("error", Value.of("E1042: motor stall"));
        u.put("schedule", Value.of("07:00-22:30 weekdays"));
        u.put("note", Value.of("call 13812345678 after 6pm"));
        u.put("fw_build", Value.of("1.4.2.8_0012"));
        return Map.copyOf(u);
    }

    private static PropertySpec prop(int piid, String name, ValueType type, DataClass c) {
        return new PropertySpec(piid, name, type, Optional.empty(), Optional.empty(), Set.of(Access.READ, Access.NOTIFY), c,
                Optional.empty());
    }
}
