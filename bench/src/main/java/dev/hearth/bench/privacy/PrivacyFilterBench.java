package dev.hearth.bench.privacy;

import dev.hearth.config.UnknownFieldsMode;

import dev.hearth.core.privacy.ConsentState;
import dev.hearth.core.privacy.Decisions;
import dev.hearth.core.privacy.FilteredTelemetry;
import dev.hearth.core.privacy.Generaliser;
import dev.hearth.core.privacy.HomeKey;
import dev.hearth.core.privacy.PersonalDataDetector;
import dev.hearth.core.privacy.PrivacyFilter;
import dev.hearth.core.privacy.PrivacyPolicy;
import dev.hearth.core.privacy.Pseudonymiser;
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
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The privacy filter's cost per record: a typical report of 10 declared properties of a known
 * model (target 2 us), the same with 5 undeclared string fields the detector must read in
 * {@code detect} mode (target 10 us), and the same with 5 undeclared structured values (arrays,
 * a coordinate pair, nested structs) whose personal leaves the cleaner removes. Results:
 * bench/results/privacy.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class PrivacyFilterBench {

    private PrivacyFilter filter;
    /** The opt-in detect mode for unknown fields (the default drops them). */
    private PrivacyFilter detecting;
    private Optional<DeviceModel> model;
    private DeviceEvent.StateReported typical;
    private DeviceEvent.StateReported withUnknownStrings;
    private DeviceEvent.StateReported withUnknownStructures;

    private static PropertySpec prop(int piid, String name, ValueType type, DataClass c) {
        return new PropertySpec(piid, name, type, Optional.empty(), Optional.empty(), Set.of(Access.READ, Access.NOTIFY), c,
                Optional.empty());
    }

    @Setup
    public void setUp() {
        model = Optional.of(new DeviceModel("bench.fan.f1", "miio", "fan", Map.of(), List.of(
                new ServiceSpec(2, "fan", List.of(prop(1, "on", ValueType.BOOL, DataClass.TELEMETRY),
                        prop(2, "level", ValueType.INT, DataClass.TELEMETRY), prop(3, "mode", ValueType.STRING, DataClass.TELEMETRY),
                        prop(4, "swing", ValueType.BOOL, DataClass.TELEMETRY), prop(5, "angle", ValueType.INT, DataClass.TELEMETRY),
                        prop(6, "temperature", ValueType.FLOAT, DataClass.TELEMETRY)), List.of(), List.of()),
                new ServiceSpec(3, "diag", List.of(prop(1, "rssi", ValueType.INT, DataClass.DIAGNOSTIC),
                        prop(2, "firmware", ValueType.STRING, DataClass.DIAGNOSTIC)), List.of(), List.of()),
                new ServiceSpec(4, "net", List.of(prop(1, "wifi_ssid", ValueType.STRING, DataClass.PERSONAL),
                        prop(2, "token", ValueType.STRING, DataClass.SECRET)), List.of(), List.of()))));
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
        u.put("status_text", Value.of("running in nature mode"));
        u.put("error", Value.of("E1042: motor stall"));
        u.put("schedule", Value.of("07:00-22:30 weekdays"));
        u.put("note", Value.of("call 13812345678 after 6pm"));
        u.put("fw_build", Value.of("1.4.2.8_0012"));
        withUnknownStrings = new DeviceEvent.StateReported(u, Instant.ofEpochMilli(1717000000000L));
        Map<String, Value> n = new LinkedHashMap<>(v);
        n.put("position", new Value.Array(List.of(Value.of(116.203428), Value.of(24.390718))));
        n.put("rgb", new Value.Array(List.of(Value.of(255), Value.of(128), Value.of(0))));
        n.put("peers", new Value.Array(List.of(Value.of("lamp-2"), Value.of("192.168.1.20"), Value.of("fan-3"))));
        n.put("net", new Value.Struct(Map.of("rssi", Value.of(-58), "gw", Value.of("192.168.1.1"), "channel", Value.of(6))));
        n.put("clean", new Value.Struct(Map.of("area", Value.of(31.5), "minutes", Value.of(42), "mode", Value.of("quiet"))));
        withUnknownStructures = new DeviceEvent.StateReported(n, Instant.ofEpochMilli(1717000000000L));
    }

    @Benchmark
    public Optional<FilteredTelemetry> knownModelTenProperties() {
        return filter.filter("fan-1", model, typical);
    }

    @Benchmark
    public Optional<FilteredTelemetry> detectFiveUnknownStrings() {
        return detecting.filter("fan-1", model, withUnknownStrings);
    }

    @Benchmark
    public Optional<FilteredTelemetry> detectFiveUnknownStructures() {
        return detecting.filter("fan-1", model, withUnknownStructures);
    }
}
