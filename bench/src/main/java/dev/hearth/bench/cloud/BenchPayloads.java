package dev.hearth.bench.cloud;

import dev.hearth.core.privacy.CloudPayload;
import dev.hearth.protocols.cloud.v1.Telemetry;
import dev.hearth.core.privacy.ConsentState;
import dev.hearth.core.privacy.Decisions;
import dev.hearth.core.privacy.FilteredTelemetry;
import dev.hearth.core.privacy.Generaliser;
import dev.hearth.core.privacy.HomeKey;
import dev.hearth.core.privacy.PersonalDataDetector;
import dev.hearth.core.privacy.PrivacyFilter;
import dev.hearth.core.privacy.PrivacyPolicy;
import dev.hearth.core.privacy.Pseudonymiser;
import dev.hearth.core.privacy.ReplyFilter;
import dev.hearth.core.privacy.TelemetryPayloads;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.model.Access;
import dev.hearth.driver.api.model.DataClass;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.PropertySpec;
import dev.hearth.driver.api.model.ServiceSpec;
import dev.hearth.driver.api.model.ValueType;
import dev.hearth.driver.api.value.Value;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Telemetry payloads for the bridge benchmarks, made the product's way: a report of a model with
 * an int (2.1) and a 140-character string (3.1), both TELEMETRY, through the real privacy filter.
 * One filtered record per device is made up front; each message then only gets its id, as the
 * bench measured before payloads had to come from the privacy package.
 */
final class BenchPayloads {
    private static final DeviceModel MODEL = new DeviceModel("bench.meter.v1", "native", "bench meter", Map.of(), List.of(
            new ServiceSpec(2, "meter", List.of(prop(1, "count", ValueType.INT)), List.of(), List.of()),
            new ServiceSpec(3, "label", List.of(prop(1, "text", ValueType.STRING)), List.of(), List.of())));

    private final FilteredTelemetry[] perDevice;

    BenchPayloads(int devices) {
        Pseudonymiser pseudonymiser = new Pseudonymiser(HomeKey.generate(new SecureRandom()));
        ConsentState consent = new ConsentState() {
            @Override public boolean uxProgrammeJoined() { return false; }
            @Override public boolean withdrawn(String userId) { return false; }
        };
        PrivacyFilter filter = new PrivacyFilter(PrivacyPolicy.defaults(), consent, new PersonalDataDetector(), pseudonymiser,
                new Generaliser(), Decisions.NONE);
        perDevice = new FilteredTelemetry[devices];
        for (int d = 0; d < devices; d++) {
            perDevice[d] = filter.filter("dev" + d, Optional.of(MODEL), new DeviceEvent.StateReported(
                    Map.of("2.1", Value.of(d), "3.1", Value.of("x".repeat(140))), Instant.now())).orElseThrow();
        }
    }

    CloudPayload<Telemetry> telemetry(long id) {
        return TelemetryPayloads.telemetry(perDevice[(int) (id % perDevice.length)], id);
    }

    /** A reply filter for a bench home that knows no users. */
    static ReplyFilter replyFilter() {
        return new ReplyFilter(new Pseudonymiser(HomeKey.generate(new SecureRandom())), Set::of);
    }

    private static PropertySpec prop(int piid, String name, ValueType type) {
        return new PropertySpec(piid, name, type, Optional.empty(), Optional.empty(), Set.of(Access.READ, Access.NOTIFY),
                DataClass.TELEMETRY, Optional.empty());
    }
}
