package dev.hearth.core.privacy;

import dev.hearth.config.PrivacyAction;
import dev.hearth.config.UnknownFieldsMode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.model.DataClass;
import dev.hearth.driver.api.value.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The filter decides a declared field by the class its model gives it, whatever the value looks
 * like: a value of another type or shape is dropped and counted as a type mismatch, never
 * reconsidered as an undeclared field (issue 12).
 */
class DeclaredClassIsFinalTest {
    private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");
    private final PrivacyFixtures.MemoryConsent consent = new PrivacyFixtures.MemoryConsent(true);

    private record Counted(DataClass dataClass, PrivacyAction action, DecisionReason reason, int count) { }

    private static final class Recording implements Decisions {
        final List<Counted> counted = new ArrayList<>();
        @Override public void decided(DataClass c, PrivacyAction a, int n) { throw new AssertionError("the reason must be given"); }
        @Override public void decided(DataClass c, PrivacyAction a, DecisionReason r, int n) { counted.add(new Counted(c, a, r, n)); }
    }

    private static DeviceEvent.StateReported report(Map<String, Value> values) {
        return new DeviceEvent.StateReported(values, AT);
    }

    @Test
    void aPersonalOrSecretValueOfAnotherShapeIsDroppedAsATypeMismatchEvenWhenTheDetectorWouldKeepIt() {
        for (UnknownFieldsMode mode : UnknownFieldsMode.values()) {
            Recording decisions = new Recording();
            PrivacyFilter f = PrivacyFixtures.filter(PrivacyPolicy.defaults().withUnknownFields(mode), consent, decisions);
            Optional<FilteredTelemetry> t = f.filter("lamp-1", Optional.of(PrivacyFixtures.lamp()), report(Map.of(
                    "4.1", new Value.Array(List.of(Value.of("MyHome-5G"))),
                    "5.1", Value.of(81985529216486895L),
                    "4.2", new Value.Struct(Map.of("v", Value.of("printer"))),
                    "2.1", Value.of(true))));
            assertThat(t.orElseThrow().values()).as(mode.name()).containsOnlyKeys("2.1");
            assertThat(decisions.counted).as(mode.name()).contains(
                    new Counted(DataClass.PERSONAL, PrivacyAction.DROP, DecisionReason.TYPE_MISMATCH, 2),
                    new Counted(DataClass.SECRET, PrivacyAction.DROP, DecisionReason.TYPE_MISMATCH, 1),
                    new Counted(DataClass.TELEMETRY, PrivacyAction.KEEP, DecisionReason.DECLARED, 1));
        }
    }

    @Test
    void aTelemetryValueOfAnotherTypeIsDroppedToo() {
        PrivacyFilter f = PrivacyFixtures.filter(PrivacyPolicy.defaults().withUnknownFields(UnknownFieldsMode.DETECT), consent);
        assertThat(f.filter("lamp-1", Optional.of(PrivacyFixtures.lamp()), report(Map.of("2.2", Value.of("50"))))).isEmpty();
    }

    @Test
    void anEventArgumentOfAnotherTypeIsDroppedAndTheEventStillLeaves() {
        Recording decisions = new Recording();
        PrivacyFilter f = PrivacyFixtures.filter(PrivacyPolicy.defaults().withUnknownFields(UnknownFieldsMode.DETECT), consent, decisions);
        FilteredTelemetry t = f.filter("lock-1", Optional.of(PrivacyFixtures.lock()), new DeviceEvent.EventTriggered("2.1",
                Map.of("user", Value.of(1001), "method", Value.of("finger")), AT)).orElseThrow();
        assertThat(t.event().orElseThrow().args()).isEmpty();
        assertThat(decisions.counted).contains(
                new Counted(DataClass.PERSONAL, PrivacyAction.DROP, DecisionReason.TYPE_MISMATCH, 1),
                new Counted(DataClass.TELEMETRY, PrivacyAction.DROP, DecisionReason.TYPE_MISMATCH, 1));
    }

    @Test
    void unknownFieldsStayHomeByDefaultAndAnUndeclaredEventToo() {
        Recording decisions = new Recording();
        PrivacyFilter f = PrivacyFixtures.filter(PrivacyPolicy.defaults(), consent, decisions);
        assertThat(f.filter("lamp-1", Optional.of(PrivacyFixtures.lamp()), report(Map.of("mode", Value.of("auto"))))).isEmpty();
        assertThat(f.filter("lock-1", Optional.of(PrivacyFixtures.lock()), new DeviceEvent.EventTriggered("9.9", Map.of(), AT)))
                .isEmpty();
        assertThat(decisions.counted).contains(new Counted(DataClass.PERSONAL, PrivacyAction.DROP, DecisionReason.UNKNOWN_FIELD, 1));
    }

    @Test
    void anUndeclaredFieldTheOwnerAllowedLeavesAsItsClassButASecretLookingValueNever() {
        AllowedFields owner = (model, field) -> field.equals("mode") || field.equals("key") ? Optional.of(DataClass.TELEMETRY)
                : field.equals("usage") ? Optional.of(DataClass.DIAGNOSTIC) : Optional.empty();
        Recording decisions = new Recording();
        PrivacyFilter f = new PrivacyFilter(PrivacyPolicy.defaults(), new PrivacyFixtures.MemoryConsent(false),
                new PersonalDataDetector(), new Pseudonymiser(PrivacyFixtures.key(1)), new Generaliser(), decisions, owner);
        FilteredTelemetry t = f.filter("lamp-1", Optional.of(PrivacyFixtures.lamp()), report(Map.of("mode", Value.of("auto"),
                "usage", Value.of(12), "key", Value.of("0123456789abcdef0123456789abcdef"), "other", Value.of(1)))).orElseThrow();
        assertThat(t.values()).containsOnlyKeys("mode");
        assertThat(decisions.counted).contains(
                new Counted(DataClass.TELEMETRY, PrivacyAction.KEEP, DecisionReason.OWNER_ALLOWED, 1),
                new Counted(DataClass.DIAGNOSTIC, PrivacyAction.DROP, DecisionReason.OWNER_ALLOWED, 1),
                new Counted(DataClass.SECRET, PrivacyAction.DROP, DecisionReason.OWNER_ALLOWED, 1));
        assertThat(f.filter("x-1", Optional.empty(), report(Map.of("mode", Value.of("auto")))))
                .as("no model, nothing declared, nothing allowed").isEmpty();
    }
}
