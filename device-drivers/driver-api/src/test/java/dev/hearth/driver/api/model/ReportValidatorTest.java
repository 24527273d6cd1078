package dev.hearth.driver.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportValidatorTest {
    private final ReportValidator validator = new ReportValidator(new ReportValidator.Limits(16, 64, 2));

    private static PropertySpec prop(int piid, String name, ValueType type, Optional<Range> range, DataClass c) {
        return new PropertySpec(piid, name, type, Optional.empty(), range, Set.of(Access.READ), c, Optional.empty());
    }

    /** 2.1 on (bool), 2.2 brightness (int 1..100), 2.3 label (string), 2.4 map (json), 1.6 ssid (personal), 1.9 token (secret); event 3.1 with user. */
    private static final DeviceModel MODEL = new DeviceModel("m", "native", "test", Map.of(), List.of(
            new ServiceSpec(1, "info", List.of(prop(6, "ssid", ValueType.STRING, Optional.empty(), DataClass.PERSONAL),
                    prop(9, "token", ValueType.STRING, Optional.empty(), DataClass.SECRET)), List.of(), List.of()),
            new ServiceSpec(2, "light", List.of(prop(1, "on", ValueType.BOOL, Optional.empty(), DataClass.TELEMETRY),
                    prop(2, "brightness", ValueType.INT, Optional.of(new Range(1, 100, 1)), DataClass.TELEMETRY),
                    prop(3, "label", ValueType.STRING, Optional.empty(), DataClass.TELEMETRY),
                    prop(4, "map", ValueType.JSON, Optional.empty(), DataClass.TELEMETRY)), List.of(), List.of()),
            new ServiceSpec(3, "lock", List.of(), List.of(),
                    List.of(new EventSpec(1, "unlocked", List.of(new ArgSpec("user", ValueType.STRING, DataClass.PERSONAL)))))));

    private static ReportValidator.UnknownFields allowing(String field, boolean keepOthers) {
        return new ReportValidator.UnknownFields() {
            @Override public Optional<DataClass> allowed(String f) {
                return f.equals(field) ? Optional.of(DataClass.TELEMETRY) : Optional.empty();
            }
            @Override public boolean keepUnreviewed(String f, Value v) { return keepOthers; }
        };
    }

    private ReportValidator.Result state(Map<String, Value> values) {
        return validator.state(Optional.of(MODEL), values, Set.of(), ReportValidator.UnknownFields.NONE);
    }

    @Test
    void aValueOfAnotherTypeOrShapeThanDeclaredIsRejectedAsATypeMismatch() {
        ReportValidator.Result r = state(Map.of("1.6", new Value.Array(List.of(Value.of("MyHome-5G"))),
                "2.1", Value.of(1), "2.2", Value.of("50"), "2.3", new Value.Struct(Map.of("a", Value.of("b")))));
        assertThat(r.kept()).isEmpty();
        assertThat(r.rejected()).containsExactly(Map.entry(ReportValidator.Reason.TYPE_MISMATCH, 4));
        assertThat(r.samples()).anySatisfy(x -> {
            assertThat(x.key()).isEqualTo("1.6");
            assertThat(x.expected()).isEqualTo("string");
            assertThat(x.received()).isEqualTo("array");
        });
    }

    @Test
    void aNumberOutsideTheDeclaredRangeIsRejected() {
        ReportValidator.Result r = state(Map.of("2.2", Value.of(Long.MAX_VALUE)));
        assertThat(r.kept()).isEmpty();
        assertThat(r.rejected()).containsExactly(Map.entry(ReportValidator.Reason.OUT_OF_RANGE, 1));
        assertThat(state(Map.of("2.2", Value.of(100))).kept()).containsEntry("2.2", Value.of(100));
        assertThat(state(Map.of("2.2", Value.of(0))).kept()).isEmpty();
    }

    @Test
    void aStringLongerThanTheLimitIsRejectedAlsoInsideAStructuredValue() {
        assertThat(state(Map.of("2.3", Value.of("x".repeat(17)))).rejected()).containsKey(ReportValidator.Reason.TOO_LONG);
        assertThat(state(Map.of("2.3", Value.of("x".repeat(16)))).kept()).containsKey("2.3");
        assertThat(state(Map.of("2.4", new Value.Array(List.of(Value.of("y".repeat(17)))))).rejected())
                .containsKey(ReportValidator.Reason.TOO_LONG);
    }

    @Test
    void aStructuredValueHeavierThanTheLimitIsRejected() {
        Value big = new Value.Array(java.util.Collections.nCopies(100, Value.of(1)));
        assertThat(state(Map.of("2.4", big)).rejected()).containsExactly(Map.entry(ReportValidator.Reason.TOO_LARGE, 1));
    }

    @Test
    void aSecretPropertyNeverPassesWhateverItsType() {
        ReportValidator.Result r = state(Map.of("1.9", Value.of("0123456789abcdef"), "2.1", Value.of(true)));
        assertThat(r.kept()).containsOnlyKeys("2.1");
        assertThat(r.rejected()).containsExactly(Map.entry(ReportValidator.Reason.SECRET, 1));
        assertThat(state(Map.of("1.9", Value.of(81985529216486895L))).kept()).isEmpty();
    }

    @Test
    void undeclaredFieldsPassOnlyWhenAllowedOrKeptByChoiceAndThenWithinTheBound() {
        Map<String, Value> report = new LinkedHashMap<>();
        report.put("fw_note", Value.of("a"));
        report.put("x1", Value.of(1));
        report.put("x2", Value.of(2));
        report.put("x3", Value.of(3));

        ReportValidator.Result dropped = validator.state(Optional.of(MODEL), report, Set.of(), allowing("none", false));
        assertThat(dropped.kept()).isEmpty();
        assertThat(dropped.rejected()).containsExactly(Map.entry(ReportValidator.Reason.UNKNOWN_FIELD, 4));
        assertThat(dropped.undeclared()).containsOnlyKeys("fw_note", "x1", "x2", "x3");
        assertThat(dropped.undeclaredSeen()).isEqualTo(4);

        ReportValidator.Result allowed = validator.state(Optional.of(MODEL), report, Set.of(), allowing("fw_note", false));
        assertThat(allowed.kept()).containsOnlyKeys("fw_note");

        ReportValidator.Result kept = validator.state(Optional.of(MODEL), report, Set.of("x3"), allowing("none", true));
        assertThat(kept.kept()).as("x3 is held already, one more fits the bound of 2").containsOnlyKeys("fw_note", "x3");
        assertThat(kept.rejected()).containsExactly(Map.entry(ReportValidator.Reason.TOO_MANY_FIELDS, 2));
    }

    @Test
    void anUnknownModelDeclaresNothing() {
        ReportValidator.Result r = validator.state(Optional.empty(), Map.of("2.1", Value.of(true)), Set.of(),
                ReportValidator.UnknownFields.NONE);
        assertThat(r.kept()).isEmpty();
        assertThat(r.rejected()).containsExactly(Map.entry(ReportValidator.Reason.UNKNOWN_FIELD, 1));
    }

    @Test
    void eventArgumentsAreCheckedAgainstTheirDeclarationAndUndeclaredOnesAddressedByEvent() {
        ReportValidator.Result r = validator.event(Optional.of(MODEL), "3.1",
                Map.of("user", Value.of(1001), "door", Value.of("front")), allowing("3.1:door", false));
        assertThat(r.kept()).containsOnlyKeys("door");
        assertThat(r.rejected()).containsExactly(Map.entry(ReportValidator.Reason.TYPE_MISMATCH, 1));
        assertThat(r.undeclared()).containsOnlyKeys("3.1:door");
    }

    @Test
    void thousandsOfFieldsAreCountedButOnlyAFewDescribed() {
        Map<String, Value> report = new LinkedHashMap<>();
        for (int i = 0; i < 10_000; i++) report.put("f" + i, Value.of(i));
        ReportValidator.Result r = state(report);
        assertThat(r.rejected()).containsExactly(Map.entry(ReportValidator.Reason.UNKNOWN_FIELD, 10_000));
        assertThat(r.samples()).hasSize(ReportValidator.SAMPLES);
        assertThat(r.undeclared()).hasSize(ReportValidator.SAMPLES);
        assertThat(r.undeclaredSeen()).isEqualTo(10_000);
    }
}
