package dev.hearth.core.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.hearth.core.access.DeviceScope;
import dev.hearth.core.access.RoomScope;
import dev.hearth.core.access.Scope;
import dev.hearth.core.storage.Database;
import dev.hearth.driver.api.model.Privilege;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.GrantObject;
import dev.hearth.protocols.cloud.v1.PolicyBody;
import dev.hearth.protocols.cloud.v1.SignedCommand;
import dev.hearth.protocols.cloud.v1.SignedPolicyObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's attack table: an attacker holding the cloud's key and the broker tries every escalation
 * in attack-cases.csv (expectations written by hand from the issue before this checker), and every
 * one is refused with the expected reason, while the legitimate steps around them work.
 */
class AttackTableTest {
    @TempDir Path dir;

    record Step(int line, long at, String step, String signer, String label, String target, String privilege,
                String scope, Map<String, String> extra, String expect) {
    }

    @TestFactory
    Stream<DynamicTest> everyEscalationIsRefusedWithItsReason() throws Exception {
        Map<String, List<Step>> cases = load();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(16);
        return cases.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> run(e.getKey(), e.getValue())));
    }

    private void run(String name, List<Step> steps) throws Exception {
        Path caseDir = Files.createDirectories(dir.resolve(name));
        List<String> mismatches = new ArrayList<>();
        Map<String, SignedPolicyObject> objects = new HashMap<>();
        Map<String, SignedCommand> commands = new HashMap<>();
        try (TrustRig rig = new TrustRig(caseDir)) {
            rig.at(0);
            assertThat(rig.enrol("alice")).isInstanceOf(PolicyResult.Applied.class);
            for (Step s : steps) {
                rig.at(s.at());
                String got = switch (s.step()) {
                    case "grant" -> {
                        SignedPolicyObject o = grant(rig, s);
                        objects.put(s.label(), o);
                        yield rig.relay(o);
                    }
                    case "accept" -> {
                        SignedPolicyObject o = signed(rig, s, rig.user(s.signer()).acceptBody(
                                UserSigner.hashOf(objects.get(s.target())), s.extra().containsKey("decline"), rig.clock.instant()));
                        objects.put(s.label(), o);
                        yield rig.relay(o);
                    }
                    case "revoke" -> {
                        SignedPolicyObject o = signed(rig, s, rig.user(s.signer()).revokeBody(s.target(), rig.clock.instant()));
                        objects.put(s.label(), o);
                        yield rig.relay(o);
                    }
                    case "cmd" -> {
                        SignedCommand c = userCommand(rig, s);
                        commands.put(s.label(), c);
                        yield rig.command(c);
                    }
                    case "cloudcmd" -> {
                        String[] op = s.target().split(":");
                        CommandBody body = TrustRig.withOperation(rig.cloud.newBody(rig.user(s.signer()).fingerprint(),
                                TrustRig.HOME, TrustRig.GATEWAY, op[1]), op[0]).build();
                        yield rig.command(rig.cloud.sign(body));
                    }
                    case "resubmit" -> rig.relay(objects.get(s.target()));
                    case "redeliver" -> rig.command(commands.get(s.target()));
                    case "restart" -> {
                        rig.restart();
                        yield "";
                    }
                    case "tamper" -> {
                        rig.db.close();
                        tamper(rig.file, s.extra().keySet().iterator().next());
                        rig.open();
                        yield "";
                    }
                    default -> throw new IllegalArgumentException("line " + s.line() + ": unknown step " + s.step());
                };
                if (!got.equals(s.expect())) {
                    mismatches.add("line " + s.line() + " (" + s.step() + " " + s.label() + "): expected " + s.expect() + ", got " + got);
                }
            }
        }
        assertThat(mismatches).as(name).isEmpty();
    }

    private static SignedPolicyObject grant(TrustRig rig, Step s) throws InvalidProtocolBufferException {
        Instant notBefore = s.extra().containsKey("not_before") ? TrustRig.T0.plusSeconds(Long.parseLong(s.extra().get("not_before")))
                : rig.clock.instant();
        Instant expires = s.extra().containsKey("expires") ? TrustRig.T0.plusSeconds(Long.parseLong(s.extra().get("expires")))
                : rig.clock.instant().plus(Duration.ofDays(1));
        PolicyBody.Builder body = rig.user(s.signer()).grantBody(s.label(), rig.user(s.target()).key(),
                Privilege.valueOf(s.privilege()), scope(rig, s.scope()), notBefore, expires, rig.clock.instant());
        SignedPolicyObject o = signed(rig, s, body);
        if (s.extra().containsKey("tamper")) {
            // the relay changes the privilege after the granter signed: the signature no longer holds
            PolicyBody changed = PolicyBody.parseFrom(o.getBody()).toBuilder()
                    .setGrant(GrantObject.newBuilder(PolicyBody.parseFrom(o.getBody()).getGrant())
                            .setPrivilege(dev.hearth.protocols.cloud.v1.Privilege.valueOf(s.extra().get("tamper")))).build();
            o = o.toBuilder().setBody(changed.toByteString()).build();
        }
        return o;
    }

    /** Applies home, gateway and forge_as to {@code body}, then signs it with the step's signer. */
    private static SignedPolicyObject signed(TrustRig rig, Step s, PolicyBody.Builder body) {
        if (s.extra().containsKey("home")) body.setHome(s.extra().get("home"));
        if (s.extra().containsKey("gateway")) body.setGateway(s.extra().get("gateway"));
        if (s.extra().containsKey("forge_as")) body.setSignerKey(rig.user(s.extra().get("forge_as")).key().raw());
        return rig.user(s.signer()).sign(body.build());
    }

    private static SignedCommand userCommand(TrustRig rig, Step s) {
        String[] op = s.target().split(":");
        String issuedText = s.extra().getOrDefault("issued", "0");
        Instant issued = rig.clock.instant().plusSeconds(Long.parseLong(issuedText.startsWith("+") ? issuedText.substring(1) : issuedText));
        Duration valid = Duration.ofSeconds(Long.parseLong(s.extra().getOrDefault("valid", "30")));
        UserSigner u = rig.user(s.signer());
        CommandBody.Builder b = TrustRig.withOperation(u.commandBody(op[1], Long.parseLong(s.extra().get("counter")), issued, valid, rig.random), op[0]);
        if (s.extra().containsKey("home")) b.setHome(s.extra().get("home"));
        if (s.extra().containsKey("gateway")) b.setGateway(s.extra().get("gateway"));
        return u.sign(b.build());
    }

    private static Scope scope(TrustRig rig, String text) {
        if (text.equals("home")) return Scope.HOME;
        String[] p = text.split(":");
        if (p[0].equals("room")) return new RoomScope(p[1].equals("bedroom") ? rig.bedroom : rig.hall);
        return new DeviceScope(p[1]);
    }

    /** Changes the stopped gateway's policy_log rows as an attacker with the file would. */
    private static void tamper(Path file, String how) throws Exception {
        // the attacker edits the file with their own SQLite, not through the gateway's storage thread
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement()) {
            if (how.equals("reorder")) {
                st.executeUpdate("UPDATE policy_log SET seq = -1 WHERE seq = 2");
                st.executeUpdate("UPDATE policy_log SET seq = 2 WHERE seq = 3");
                st.executeUpdate("UPDATE policy_log SET seq = 3 WHERE seq = -1");
            } else {
                st.executeUpdate("DELETE FROM policy_log WHERE seq = 3");
            }
        }
    }

    private static Map<String, List<Step>> load() throws Exception {
        Map<String, List<Step>> cases = new LinkedHashMap<>();
        try (var in = AttackTableTest.class.getResourceAsStream("attack-cases.csv");
             var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) continue;
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 10) throw new IllegalArgumentException("line " + n + " has " + f.length + " fields");
                Map<String, String> extra = new LinkedHashMap<>();
                if (!f[8].isBlank()) {
                    for (String kv : f[8].split(";")) {
                        String[] p = kv.split("=", 2);
                        extra.put(p[0], p.length > 1 ? p[1] : "");
                    }
                }
                cases.computeIfAbsent(f[0], k -> new ArrayList<>())
                        .add(new Step(n, Long.parseLong(f[1]), f[2], f[3], f[4], f[5], f[6], f[7], extra, f[9]));
            }
        }
        return cases;
    }
}
