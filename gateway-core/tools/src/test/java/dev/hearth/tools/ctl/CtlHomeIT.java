package dev.hearth.tools.ctl;

import static dev.hearth.core.commands.GatewayRig.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.commands.GatewayRig;
import dev.hearth.testkit.Conditions;
import dev.hearth.driver.api.value.Value;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The home commands of {@code hearth ctl} against a real gateway behind a real Mosquitto. */
class CtlHomeIT {
    private record Run(int exit, String out, String err) { }

    @TempDir Path dir;

    @Test
    void managesRoomsAndSharesAndListsDevicesAtTheFirstAttempt() throws Exception {
        try (var rig = new GatewayRig(dir)) {
            List<String> common = List.of("--broker", rig.broker.uri().toString(), "--home", GatewayRig.HOME,
                    "--gateway", GatewayRig.GATEWAY, "--key", rig.keyFile.toString(), "--key-id", GatewayRig.KEY_ID, "--timeout", "10s");

            // The retained availability is there once the gateway is up: one attempt must list both devices.
            Conditions.await("both availabilities retained", Duration.ofSeconds(10),
                    () -> rig.gateway().cloud().orElseThrow().outboxStats().held() == 0);
            Run devices = ctl(common, "devices");
            assertThat(devices.out()).as(devices.err()).contains(rig.lamp + "  ONLINE").contains(rig.lock + "  ONLINE");

            Run created = ctl(common, "room", "create", "Study", "--as", OWNER);
            assertThat(created.exit()).as(created.err()).isZero();
            assertThat(created.out()).contains("\"name\" : \"Study\"");
            Run refused = ctl(common, "room", "create", "Attic", "--as", "u9");
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("FORBIDDEN no_access: user u9 has no access to the home");

            Run assigned = ctl(common, "assign", rig.lamp, "study", "--as", OWNER);
            assertThat(assigned.exit()).as(assigned.err()).isZero();
            assertThat(ctl(common, "rooms", "--as", OWNER).out()).contains("Study").contains(rig.lamp);

            Run shared = ctl(common, "share", "Study", "--to", "u2", "--privilege", "operate", "--expires", "2h", "--as", OWNER);
            assertThat(shared.exit()).as(shared.err()).isZero();
            assertThat(shared.out()).contains("PENDING").contains("\"expires_ms\"");
            String share = field(shared.out(), "id");

            Run early = ctl(common, "read", rig.lamp, "--as", "u2");
            assertThat(early.exit()).isEqualTo(1);
            assertThat(early.err()).contains("FORBIDDEN");
            assertThat(ctl(common, "shares", "--as", "u2").out()).contains(share).contains("PENDING");
            assertThat(ctl(common, "accept", share, "--as", "u2").exit()).isZero();

            Run read = ctl(common, "read", rig.lamp, "--as", "u2");
            assertThat(read.exit()).as(read.err()).isZero();
            assertThat(read.out()).contains("\"2.1\"");
            assertThat(ctl(common, "set", rig.lamp, "2.1=false", "--as", "u2").exit()).isZero();
            Conditions.await("the lamp off", Duration.ofSeconds(10),
                    () -> rig.device(rig.lamp).property("2.1").equals(Optional.of(Value.of(false))));

            Run unlock = ctl(common, "action", rig.lock, "2.2", "--as", "u2");
            assertThat(unlock.exit()).isEqualTo(1);
            assertThat(unlock.err()).contains("FORBIDDEN no_access");

            assertThat(ctl(common, "revoke", share, "--as", "u2").err()).contains("FORBIDDEN");
            assertThat(ctl(common, "revoke", share, "--as", OWNER).exit()).isZero();
            Run after = ctl(common, "set", rig.lamp, "2.1=true", "--as", "u2");
            assertThat(after.exit()).isEqualTo(1);
            assertThat(after.err()).contains("FORBIDDEN no_access: user u2 has no access to device " + rig.lamp);
            assertThat(ctl(common, "decline", share, "--as", "u2").err()).contains("INVALID_ARGUMENT wrong_state");

            assertThat(ctl(common, "room", "rename", "Study", "Office", "--as", OWNER).exit()).isZero();
            Run deleted = ctl(common, "room", "delete", "office", "--as", OWNER);
            assertThat(deleted.exit()).as(deleted.err()).isZero();
            assertThat(deleted.out()).contains(rig.lamp);

            Run badPrivilege = ctl(common, "share", "home", "--to", "u2", "--privilege", "owner", "--as", OWNER);
            assertThat(badPrivilege.exit()).isEqualTo(2);
            assertThat(badPrivilege.err()).contains("--privilege must be view, operate or manage");
        }
    }

    private static Run ctl(List<String> common, String... args) {
        var all = new ArrayList<>(List.of(args));
        all.addAll(common);
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = new CommandLine(new CtlCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(all.toArray(new String[0]));
        return new Run(exit, out.toString(), err.toString());
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\" : \"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }
}
