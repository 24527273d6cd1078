package dev.hearth.core.privacy.rights;

import dev.hearth.core.cloud.command.TestCommands;
import dev.hearth.core.privacy.TestPayloads;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.cloud.BridgeFixture;
import dev.hearth.core.cloud.BridgeSettings;
import dev.hearth.core.cloud.CloudBridge;
import dev.hearth.core.cloud.CloudTopics;
import dev.hearth.core.cloud.CommandGateSettings;
import dev.hearth.testkit.MosquittoBroker;
import dev.hearth.driver.api.SystemScheduler;
import dev.hearth.core.privacy.PrivacyFixtures;
import dev.hearth.core.privacy.PrivacyPolicy;
import dev.hearth.core.privacy.TelemetryGenerators;
import dev.hearth.core.privacy.TelemetryGenerators.Scenario;
import dev.hearth.testkit.Conditions;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.model.DeviceModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The privacy promise measured on the wire: random device records (known and unknown models,
 * unknown fields, personal values planted at random depths and in free text, secrets) go through
 * the real path (registry / device events, uplink, privacy filter, bridge, SQLite outbox, MQTT 5
 * QoS 1, Mosquitto) and a Paho subscriber checks every byte it receives: no run of 6 bytes of any
 * planted value may appear. Each round uses fresh devices, so a round's messages are checked
 * against that round's planted values (and the previous round's, for late retained states).
 */
class NothingPersonalOnTheWireIT {
    private static final int ROUNDS = 10;
    private static final int RECORDS_PER_ROUND = 10_000;
    private static final int DEVICES_PER_KIND = 100;
    private static final int RUN = 6;

    @TempDir
    Path dir;

    @Test
    void noRunOfSixBytesOfAPlantedValueReachesTheBroker() throws Exception {
        Set<Long> probe = new HashSet<>();
        runs("13812345678", probe);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertNoPlantedRun(
                new WireSubscriber.Message("probe", "call 138123456 later".getBytes(StandardCharsets.UTF_8)), probe, Set.of()))
                .as("the checker itself finds a 6-byte run").isInstanceOf(AssertionError.class);
        Clock clock = Clock.systemUTC();
        CloudTopics topics = CloudTopics.of(RightsHome.HOME, "gw-wire");
        try (MosquittoBroker broker = MosquittoBroker.start();
             SystemScheduler scheduler = new SystemScheduler("wire-property");
             RightsHome home = new RightsHome(dir, clock, scheduler, PrivacyPolicy.defaults(), true, PrivacyFixtures.catalog());
             WireSubscriber cloud = new WireSubscriber(broker.uri(), topics.prefix() + "/#")) {
            CloudBridge bridge = CloudBridge.builder()
                    .settings(BridgeSettings.plain(broker.uri(), "gw-wire", topics))
                    .commandGate(CommandGateSettings.defaults(RightsHome.HOME, topics.gateway(), List.of()))
                    .database(home.db)
                    .authorizer(TestCommands.ALLOW_ALL_FOR_TESTS)
                    .snapshot(home.uplink)
                    .deviceCommands(BridgeFixture::stubDevices)
                    .scheduler(scheduler)
                    .clock(clock)
                    .replyFilter(TestPayloads.replyFilter())
                    .start();
            try {
                home.attach(bridge);
                Conditions.await("bridge connected", Duration.ofSeconds(15), () -> bridge.linkStatus().connected());
                Set<Long> previous = Set.of();
                // the gateway names its broker node in its status: a planted value that shares a run with it proves nothing
                Set<Long> own = new HashSet<>();
                runs(String.valueOf(broker.uri()), own);
                long records = 0, messages = 0, bytes = 0;
                var scenarios = TelemetryGenerators.scenarios().sampleStream().iterator();
                for (int round = 0; round < ROUNDS; round++) {
                    Set<Long> planted = new HashSet<>();
                    Map<String, Boolean> known = new HashMap<>();
                    for (int i = 0; i < RECORDS_PER_ROUND; i++) {
                        Scenario s = scenarios.next();
                        s.planted().forEach(p -> runs(p.text(), planted));
                        String model = s.model().map(DeviceModel::model).orElse("vendor.unknown.v1");
                        String device = "r" + round + "-" + model.replace('.', '_') + "-" + (i % DEVICES_PER_KIND);
                        if (known.putIfAbsent(device, true) == null) home.addDevice(device, model);
                        if (s.event() instanceof DeviceEvent.StateReported r) {
                            home.registry.stateReported(device, r.values(), r.at());
                        } else {
                            home.uplink.eventTriggered(device, (DeviceEvent.EventTriggered) s.event());
                        }
                        records++;
                    }
                    planted.removeAll(own);
                    long expected = home.telemetryOut.get();
                    Conditions.await("round " + round + ": " + expected + " telemetry messages delivered", Duration.ofSeconds(90),
                            () -> cloud.telemetryCount() >= expected, () -> cloud.telemetryCount() + " delivered");
                    for (WireSubscriber.Message m : cloud.drain()) {
                        messages++;
                        bytes += m.payload().length;
                        assertNoPlantedRun(m, planted, previous);
                    }
                    previous = planted;
                }
                assertThat(records).isEqualTo((long) ROUNDS * RECORDS_PER_ROUND);
                assertThat(messages).as("most records leave in some form").isGreaterThan(records / 2);
                System.out.printf("wire property: %d records, %d messages (%d bytes) checked%n", records, messages, bytes);
            } finally {
                bridge.close();
            }
        }
    }

    /** Every 6-byte run of the value's UTF-8 bytes, packed into a long. */
    private static void runs(String value, Set<Long> into) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + RUN <= b.length; i++) into.add(pack(b, i));
    }

    private static long pack(byte[] b, int at) {
        long v = 0;
        for (int k = 0; k < RUN; k++) v = (v << 8) | (b[at + k] & 0xff);
        return v;
    }

    private static void assertNoPlantedRun(WireSubscriber.Message m, Set<Long> planted, Set<Long> previous) {
        byte[] p = m.payload();
        for (int i = 0; i + RUN <= p.length; i++) {
            long run = pack(p, i);
            if (planted.contains(run) || previous.contains(run)) {
                throw new AssertionError("a planted value's run \"" + new String(p, i, RUN, StandardCharsets.UTF_8)
                        + "\" reached the broker on " + m.topic() + ": " + new String(p, StandardCharsets.ISO_8859_1));
            }
        }
    }
}
