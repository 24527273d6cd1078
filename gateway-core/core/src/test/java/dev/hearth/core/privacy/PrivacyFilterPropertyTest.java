package dev.hearth.core.privacy;

import dev.hearth.config.PrivacyAction;
import dev.hearth.config.UnknownFieldsMode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.model.DataClass;
import dev.hearth.driver.api.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.EdgeCasesMode;

/**
 * For every generated record, the bytes of the cloud.proto Telemetry built from the filter's
 * output contain no planted personal value, nor any 6-character run of one. 100,000 records in all.
 */
class PrivacyFilterPropertyTest {

    /** Pseudonyms are keyed hashes, not the value: a hex run in one matching a digit run by chance is no leak. */
    private static final Pattern PSEUDONYM = Pattern.compile("p_[0-9a-f]{16}");

    static String wire(Optional<FilteredTelemetry> t) {
        if (t.isEmpty()) return "";
        byte[] bytes = TelemetryPayloads.telemetry(t.get(), 1).message().toByteArray();
        return PSEUDONYM.matcher(new String(bytes, StandardCharsets.ISO_8859_1)).replaceAll("");
    }

    static Optional<FilteredTelemetry> run(PrivacyFilter f, TelemetryGenerators.Scenario s) {
        if (s.event() instanceof DeviceEvent.EventTriggered e) return f.filter(s.deviceId(), s.model(), e);
        return f.filter(s.deviceId(), s.model(), (DeviceEvent.StateReported) s.event());
    }

    /** The planted text as the wire carries it (UTF-8 bytes read as ISO-8859-1, like {@link #wire}). */
    static String onWire(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    static void assertNoRunOf(String wire, String planted, int run) {
        String p = onWire(planted);
        for (int i = 0; i + run <= p.length(); i++) {
            assertThat(wire).as("6-character run %s of planted %s", p.substring(i, i + run), planted)
                    .doesNotContain(p.substring(i, i + run));
        }
    }

    @Provide
    Arbitrary<PrivacyPolicy> dropOrPseudonymise() {
        return net.jqwik.api.Combinators.combine(Arbitraries.of(PrivacyAction.DROP, PrivacyAction.PSEUDONYMISE),
                        Arbitraries.of(UnknownFieldsMode.values()))
                .as((a, mode) -> PrivacyPolicy.defaults().withAction(DataClass.PERSONAL, a).withUnknownFields(mode));
    }

    @Provide
    Arbitrary<TelemetryGenerators.Scenario> scenarios() {
        return TelemetryGenerators.scenarios();
    }

    @Property(tries = 60_000, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.MIXIN)
    void noPlantedPersonalValueNorAnySixCharacterRunOfItLeaves(@ForAll("scenarios") TelemetryGenerators.Scenario s,
                                                               @ForAll("dropOrPseudonymise") PrivacyPolicy policy,
                                                               @ForAll boolean uxConsent) {
        PrivacyFilter f = PrivacyFixtures.filter(policy, new PrivacyFixtures.MemoryConsent(uxConsent));
        Optional<FilteredTelemetry> out = run(f, s);
        String wire = wire(out);
        for (TelemetryGenerators.Planted p : s.planted()) assertNoRunOf(wire, p.text(), 6);
        // the allowlist still lets declared telemetry through
        s.declaredTelemetry().forEach((k, v) -> assertThat(out.orElseThrow().values()).containsEntry(k, v));
    }

    @Property(tries = 20_000, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.MIXIN)
    void generalisedRecordsNeverCarryAFullPersonalValue(@ForAll("scenarios") TelemetryGenerators.Scenario s) {
        PrivacyFilter f = PrivacyFixtures.filter(PrivacyPolicy.defaults().withAction(DataClass.PERSONAL, PrivacyAction.GENERALISE),
                new PrivacyFixtures.MemoryConsent(false));
        String wire = wire(run(f, s));
        for (TelemetryGenerators.Planted p : s.planted()) {
            assertThat(wire).doesNotContain(onWire(p.text()));
            // addresses and coordinates keep a prefix by design; nothing else may keep any run
            if (!List.of(PiiCategory.IPV4, PiiCategory.IPV6, PiiCategory.COORDINATES).contains(p.category())) {
                assertNoRunOf(wire, p.text(), 6);
            }
        }
    }

    @Provide
    Arbitrary<Value> namingTheUser() {
        return Arbitraries.oneOf(
                Arbitraries.just(Value.of("u-70001")),
                Arbitraries.of("unlocked by u-70001.", "user=u-70001;", "[u-70001]").map(Value::of),
                TelemetryGenerators.wrappings().map(w -> w.around(new TelemetryGenerators.Planted(PiiCategory.PERSON_KEY, "u-70001"))));
    }

    @Property(tries = 20_000, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.MIXIN)
    void aRecordNamingAWithdrawnUserNeverLeaves(@ForAll("scenarios") TelemetryGenerators.Scenario s,
                                                @ForAll("namingTheUser") Value mention, @ForAll boolean asEventUser) {
        PrivacyFilter f = PrivacyFixtures.filter(PrivacyPolicy.defaults().withAction(DataClass.PERSONAL, PrivacyAction.PSEUDONYMISE),
                new PrivacyFixtures.MemoryConsent(true).withdraw("u-70001"));
        DeviceEvent named;
        if (s.event() instanceof DeviceEvent.EventTriggered e) {
            Map<String, Value> args = new java.util.LinkedHashMap<>(e.args());
            args.put(asEventUser ? "user" : "extra_mention", mention);
            named = new DeviceEvent.EventTriggered(e.event(), args, e.at());
        } else {
            Map<String, Value> values = new java.util.LinkedHashMap<>(((DeviceEvent.StateReported) s.event()).values());
            values.put("extra_mention", mention);
            named = new DeviceEvent.StateReported(values, s.event().at());
        }
        TelemetryGenerators.Scenario withUser = new TelemetryGenerators.Scenario(s.deviceId(), s.model(), named, s.planted(),
                s.declaredTelemetry());
        assertThat(run(f, withUser)).isEmpty();
    }
}
