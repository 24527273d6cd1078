package dev.hearth.tools.ctl;

import dev.hearth.core.GatewaySchemas;
import dev.hearth.core.cloud.command.TestCommands;
import dev.hearth.core.privacy.TestPayloads;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.cloud.BridgeSettings;
import dev.hearth.core.cloud.CloudBridge;
import dev.hearth.core.cloud.CloudTopics;
import dev.hearth.core.cloud.CommandGateSettings;
import dev.hearth.testkit.Conditions;
import dev.hearth.testkit.MosquittoBroker;
import dev.hearth.driver.api.SystemScheduler;
import dev.hearth.config.TrustedKey;
import dev.hearth.core.cloud.BridgeFixture;
import dev.hearth.core.storage.Database;
import dev.hearth.protocols.cloud.v1.Availability;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hearth ctl} against a real Mosquitto and a running bridge. */
class CtlIT {
    private record Run(int exit, String out, String err) { }

    private static Run ctl(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = new CommandLine(new CtlCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void initsKeysThenSetsActsListsAndWatchesThroughARealBroker(@TempDir Path dir) throws Exception {
        Run init = ctl("keys", "init", "--out", dir.resolve("keys").toString(), "--key-id", "ops");
        assertThat(init.exit()).isZero();
        Path key = dir.resolve("keys/command.key");
        assertThat(Files.getPosixFilePermissions(key)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        String pub = Files.readString(dir.resolve("keys/command.pub")).strip();
        assertThat(init.out()).contains(pub).contains("ops");

        var topics = CloudTopics.of("home1", "gw-ctl");
        try (var broker = MosquittoBroker.start(); var scheduler = new SystemScheduler("ctl-test"); var db = GatewaySchemas.open(dir.resolve("h.db"))) {
            CloudBridge bridge = CloudBridge.builder()
                    .settings(BridgeSettings.plain(broker.uri(), "gw-ctl", topics))
                    .commandGate(CommandGateSettings.defaults("home1", "gw-ctl", List.of(TrustedKey.ofBase64("ops", pub))).withDeviceTimeout(Duration.ofMillis(500)))
                    .database(db)
                    .authorizer(TestCommands.ALLOW_ALL_FOR_TESTS)
                    .deviceCommands(BridgeFixture::stubDevices)
                    .scheduler(scheduler)
                    .replyFilter(TestPayloads.replyFilter())
                    .start();
            try {
                Conditions.until(Duration.ofSeconds(15), () -> bridge.linkStatus().connected(), () -> "connected");
                bridge.publishAvailability(TestPayloads.availability(Availability.newBuilder().setDevice("lamp").setStatus(Availability.Status.ONLINE).build()));
                List<String> common = List.of("--broker", broker.uri().toString(), "--home", "home1", "--gateway", "gw-ctl",
                        "--key", key.toString(), "--key-id", "ops", "--timeout", "5s");

                Run set = ctl(args(List.of("set", "lamp", "2.1=true", "2.2=40", "--as", "u1"), common));
                assertThat(set.exit()).as(set.err()).isZero();
                assertThat(set.out()).startsWith("OK").contains("2.1").contains("2.2");

                Run action = ctl(args(List.of("action", "lamp", "5.1", "3", "--as", "u1"), common));
                assertThat(action.exit()).as(action.err()).isZero();

                Run unknown = ctl(args(List.of("set", "ghost", "2.1=true", "--as", "u1"), common));
                assertThat(unknown.exit()).isEqualTo(1);
                assertThat(unknown.err()).contains("UNKNOWN_DEVICE");

                Run bad = ctl(args(List.of("set", "lamp", "power=on", "--as", "u1"), common));
                assertThat(bad.exit()).isEqualTo(2);
                assertThat(bad.err()).contains("not siid.piid=VALUE");

                Conditions.until(Duration.ofSeconds(10), () -> ctl(args(List.of("devices"), common)).out().contains("lamp  ONLINE"), () -> "devices lists lamp");

                Run watch = ctl(args(List.of("watch", "--count", "2"), common));
                assertThat(watch.exit()).as(watch.err()).isZero();
                assertThat(watch.out()).contains("/status (retained) {\"schemaVersion\":1,\"state\":\"ONLINE\"");
                assertThat(watch.out()).contains("/devices/lamp/availability (retained) {\"schemaVersion\":1,\"device\":\"lamp\",\"status\":\"ONLINE\"");
            } finally {
                bridge.close();
            }
        }
    }

    @Test
    void explainsAMissingKeyInsteadOfFailing() {
        Run r = ctl("set", "lamp", "2.1=true", "--as", "u1", "--broker", "tcp://127.0.0.1:1", "--timeout", "1s");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--key is required");
    }

    private static String[] args(List<String> head, List<String> tail) {
        var all = new ArrayList<>(head);
        all.addAll(tail);
        return all.toArray(new String[0]);
    }

}
