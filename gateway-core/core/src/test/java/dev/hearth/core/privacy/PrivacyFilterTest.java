package dev.hearth.core.privacy;

import dev.hearth.config.PrivacyAction;
import dev.hearth.config.UnknownFieldsMode;

import static dev.hearth.core.privacy.PrivacyFixtures.LAMP;
import static dev.hearth.core.privacy.PrivacyFixtures.lamp;
import static dev.hearth.core.privacy.PrivacyFixtures.lock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.model.DataClass;
import dev.hearth.driver.api.value.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrivacyFilterTest {

    private static final Instant AT = Instant.parse("2024-05-01T02:15:30Z");
    private final PrivacyFixtures.MemoryConsent noConsent = new PrivacyFixtures.MemoryConsent(false);

    private static DeviceEvent.StateReported report(Object... kv) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Value) kv[i + 1]);
        return new DeviceEvent.StateReported(m, AT);
    }

    private static Map<String, Value> values(PrivacyFilter f, DeviceEvent.StateReported r) {
        return f.filter("lamp-1", Optional.of(lamp()), r).map(FilteredTelemetry::values).orElse(Map.of());
    }

    @Test
    void defaultPolicyKeepsTelemetryAndDropsPersonalAndSecret() {
        PrivacyFilter f = PrivacyFixtures.filter(PrivacyPolicy.defaults(), noConsent);
        Map<String, Value> out = values(f, report("2.1", Value.of(true), "2.2", Value.of(80), "4.1", Value.of("MyHome-5G"),
                "4.2", Value.of("192.168.1.20"), "5.1", Value.of("0123456789abcdef0123456789abcdef")));
        assertThat(out).containsOnlyKeys("2.1", "2.2");
    }

    @Test
    void secretIsDroppedEvenWhenAnOverrideSaysKeep() {
        PrivacyFilter f = PrivacyFixtures.filter(PrivacyPolicy.defaults().withOverride(LAMP, "5.1", PrivacyAction.KEEP), noConsent);
        assertThat(values(f, report("5.1", Value.of("s3cret-token"), "2.1", Value.of(true)))).containsOnlyKeys("2.1");
    }

    @Test
    void diagnosticLeavesOnlyWithUxProgrammeConsent() {
        DeviceEvent.StateReported r = report("2.1", Value.of(true), "3.1", Value.of(-67), "3.2", Value.of("1.4.2.8"));
        assertThat(values(PrivacyFixtures.filter(PrivacyPolicy.defaults(), noConsent), r)).containsOnlyKeys("2.1");
        PrivacyFixtures.MemoryConsent joined = new PrivacyFixtures.MemoryConsent(true);
        assertThat(values(PrivacyFixtures.filter(PrivacyPolicy.defaults(), joined), r)).containsOnlyKeys("2.1", "3.1", "3.2");
    }

    @Test
    void anOverrideSetsTheActionOfOneProperty() {
        PrivacyPolicy p = PrivacyPolicy.defaults()
                .withOverride(LAMP, "4.2", PrivacyAction.GENERALISE)
                .withOverride(LAMP, "4.1", PrivacyAction.PSEUDONYMISE)
                .withOverride(LAMP, "2.2", PrivacyAction.DROP);
        Map<String, Value> out = values(PrivacyFixtures.filter(p, noConsent),
                report("2.2", Value.of(80), "4.1", Value.of("MyHome-5G"), "4.2", Value.of("192.168.1.20")));
        assertThat(out).containsOnlyKeys("4.1", "4.2");
        assertThat(out.get("4.2")).isEqualTo(Value.of("192.168.1.0/24"));
        assertThat(out.get("4.1")).isEqualTo(Value.of(new Pseudonymiser(PrivacyFixtures.key(1)).pseudonym("MyHome-5G")));
    }

    @Test
    void pseudonymisedPersonalDataIsStableWithinAHomeAndDiffersAcrossHomes() {
        PrivacyPolicy p = PrivacyPolicy.defaults().withAction(DataClass.PERSONAL, PrivacyAction.PSEUDONYMISE);
        DeviceEvent.StateReported r = report("4.1", Value.of("MyHome-5G"));
        PrivacyFilter home1 = PrivacyFixtures.filter(p, noConsent);
        PrivacyFilter home2 = new PrivacyFilter(p, noConsent, new PersonalDataDetector(),
                new Pseudonymiser(PrivacyFixtures.key(2)), new Generaliser(), Decisions.NONE);
        Value first = values(home1, r).get("4.1");
        assertThat(values(home1, r).get("4.1")).isEqualTo(first);
        assertThat(values(home2, r).get("4.1")).isNotEqualTo(first);
        assertThat(first.toString()).doesNotContain("MyHome");
    }

    @Test
    void generalisedPersonalDataKeepsOnlyTheCoarseValueAndDropsWhatCannotBeGeneralised() {
        PrivacyPolicy p = PrivacyPolicy.defaults().withAction(DataClass.PERSONAL, PrivacyAction.GENERALISE);
        Map<String, Value> out = values(PrivacyFixtures.filter(p, noConsent), report(
                "4.2", Value.of("2001:db8:85a3:1:2::9"),
                "4.3", new Value.Struct(Map.of("lat", Value.of(31.230416), "lng", Value.of(121.473701))),
                "4.4", Value.of(1717000012345L),
                "4.1", Value.of("MyHome-5G")));
        assertThat(out).containsOnlyKeys("4.2", "4.3", "4.4");
        assertThat(out.get("4.2")).isEqualTo(Value.of("2001:db8:85a3::/48"));
        assertThat(out.get("4.3")).isEqualTo(new Value.Struct(Map.of("lat", Value.of(31.23), "lng", Value.of(121.47))));
        assertThat(out.get("4.4")).isEqualTo(Value.of(1716999960000L));
    }

    @Test
    void aWithdrawnUsersLockEventIsDroppedWholeAndOthersAreKeptWithoutTheUser() {
        PrivacyFixtures.MemoryConsent consent = new PrivacyFixtures.MemoryConsent(false).withdraw("u-1001");
        List<Decisions.RecordDrop> drops = new ArrayList<>();
        PrivacyFilter f = PrivacyFixtures.filter(PrivacyPolicy.defaults(), consent, new Decisions() {
            @Override public void decided(DataClass c, PrivacyAction a, int n) { }
            @Override public void recordDropped(RecordDrop reason) { drops.add(reason); }
        });
        DeviceEvent.EventTriggered byWithdrawn = new DeviceEvent.EventTriggered("2.1",
                Map.of("user", Value.of("u-1001"), "method", Value.of(2)), AT);
        assertThat(f.filter("lock-1", Optional.of(lock()), byWithdrawn)).isEmpty();
        assertThat(drops).containsExactly(Decisions.RecordDrop.WITHDRAWN_USER);
        DeviceEvent.EventTriggered inText = new DeviceEvent.EventTriggered("2.1",
                Map.of("note", Value.of("unlocked by u-1001.")), AT);
        assertThat(f.filter("lock-1", Optional.of(lock()), inText)).isEmpty();

        DeviceEvent.EventTriggered byOther = new DeviceEvent.EventTriggered("2.1",
                Map.of("user", Value.of("u-2002"), "method", Value.of(2)), AT);
        FilteredTelemetry t = f.filter("lock-1", Optional.of(lock()), byOther).orElseThrow();
        assertThat(t.event()).hasValueSatisfying(e -> {
            assertThat(e.key()).isEqualTo("2.1");
            assertThat(e.name()).contains("unlocked");
            assertThat(e.args()).containsOnlyKeys("method");
        });
    }

    @Test
    void dropModeDropsEveryUnknownFieldAndDetectModeOnlyThePersonalOnes() {
        DeviceEvent.StateReported r = report("2.1", Value.of(true), "mode", Value.of("auto"),
                "note", Value.of("call 13812345678 after 6pm"), "owner", Value.of("Zhang"));
        PrivacyFilter drop = PrivacyFixtures.filter(PrivacyPolicy.defaults().withUnknownFields(UnknownFieldsMode.DROP), noConsent);
        assertThat(values(drop, r)).containsOnlyKeys("2.1");
        PrivacyFilter detect = PrivacyFixtures.filter(PrivacyPolicy.defaults().withUnknownFields(UnknownFieldsMode.DETECT), noConsent);
        assertThat(values(detect, r)).containsOnlyKeys("2.1", "mode");
        PrivacyFilter byDefault = PrivacyFixtures.filter(PrivacyPolicy.defaults(), noConsent);
        assertThat(values(byDefault, r)).containsOnlyKeys("2.1");
    }

    @Test
    void anUnknownStructIsRebuiltFromItsCleanPartsOnly() {
        Value nested = new Value.Struct(Map.of(
                "mode", Value.of("auto"),
                "net", new Value.Struct(Map.of("rssi", Value.of(-60), "peer", Value.of("10.0.0.7"))),
                "user", new Value.Struct(Map.of("level", Value.of(3))),
                "list", new Value.Array(List.of(Value.of(1), Value.of("mail a@example.com")))));
        Map<String, Value> out = values(PrivacyFixtures.filter(PrivacyPolicy.defaults().withUnknownFields(UnknownFieldsMode.DETECT),
                noConsent), report("extra", nested));
        assertThat(out.get("extra")).isEqualTo(new Value.Struct(Map.of(
                "mode", Value.of("auto"), "net", new Value.Struct(Map.of("rssi", Value.of(-60))),
                "list", new Value.Array(List.of(Value.of(1))))));
    }

    @Test
    void aValueOfTheWrongTypeForItsDeclaredPropertyIsDropped() {
        PrivacyFilter f = PrivacyFixtures.filter(PrivacyPolicy.defaults().withUnknownFields(UnknownFieldsMode.DETECT), noConsent);
        assertThat(values(f, report("2.2", Value.of("13812345678"), "2.1", Value.of(true)))).containsOnlyKeys("2.1");
    }

    @Test
    void aLegacyNameIsADeclaredProperty() {
        PrivacyFilter f = PrivacyFixtures.filter(PrivacyPolicy.defaults(), noConsent);
        assertThat(values(f, report("power", Value.of(true)))).containsOnlyKeys("power");
    }

    @Test
    void nothingLeftGivesEmptyAndTheDecisionsAreCounted() {
        Map<String, Integer> counted = new LinkedHashMap<>();
        PrivacyFilter f = PrivacyFixtures.filter(PrivacyPolicy.defaults(), noConsent,
                (c, a, n) -> counted.merge(c + "/" + a, n, Integer::sum));
        assertThat(f.filter("lamp-1", Optional.of(lamp()), report("4.1", Value.of("x"), "5.1", Value.of("y")))).isEmpty();
        FilteredTelemetry t = f.filter("lamp-1", Optional.of(lamp()), report("2.1", Value.of(true), "3.1", Value.of(-60)))
                .orElseThrow();
        assertThat(t.decisions().count(DataClass.TELEMETRY, PrivacyAction.KEEP)).isEqualTo(1);
        assertThat(t.decisions().count(DataClass.DIAGNOSTIC, PrivacyAction.DROP)).isEqualTo(1);
        assertThat(counted).containsEntry("PERSONAL/DROP", 1).containsEntry("SECRET/DROP", 1)
                .containsEntry("TELEMETRY/KEEP", 1).containsEntry("DIAGNOSTIC/DROP", 1);
    }

    @Test
    void anUnknownModelsFieldsAreAllUndeclared() {
        PrivacyFilter f = PrivacyFixtures.filter(PrivacyPolicy.defaults().withUnknownFields(UnknownFieldsMode.DETECT), noConsent);
        FilteredTelemetry t = f.filter("x-1", Optional.empty(), report("2.1", Value.of(true), "ssid", Value.of("MyHome")))
                .orElseThrow();
        assertThat(t.values()).containsOnlyKeys("2.1");
        assertThat(t.model()).isEmpty();
        PrivacyFilter byDefault = PrivacyFixtures.filter(PrivacyPolicy.defaults(), noConsent);
        assertThat(byDefault.filter("x-1", Optional.empty(), report("2.1", Value.of(true)))).isEmpty();
    }
}
