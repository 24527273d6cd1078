package dev.hearth.tools.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.hearth.core.cloud.command.CommandClient;
import dev.hearth.core.commands.GatewayRig;
import dev.hearth.core.trust.PolicyObjects;
import dev.hearth.core.trust.UserKey;
import dev.hearth.core.trust.UserSigner;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.CreateShareOp;
import dev.hearth.protocols.cloud.v1.Privilege;
import dev.hearth.protocols.cloud.v1.Scope;
import dev.hearth.protocols.cloud.v1.SignedPolicyObject;
import dev.hearth.protocols.cloud.v1.SubmitPolicyOp;
import dev.hearth.testkit.Conditions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hearth ctl} with users' own keys against a real gateway ({@code home.trust: users}, real
 * Mosquitto, real SQLite): the owner's key is enrolled with the one-time setup code from the data
 * directory, she shares a room by a grant signed with her key, bob lists and accepts it with his,
 * a list shows each user only what they may see, the cloud's key and unsigned objects authorise
 * nothing (refused and counted), and the policy log that {@code ctl policy log} prints checks out:
 * each entry signed by the gateway's log key and chained to the one before.
 */
class CtlUserKeysIT {
    private record Run(int exit, String out, String err) { }

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void theOwnerEnrolsWithTheSetupCodeSharesByASignedGrantAndThePolicyLogChecksOut() throws Exception {
        try (var rig = new GatewayRig(dir, true)) {
            Path users = dir.resolve("users");
            for (String u : List.of("alice", "bob", "carol")) ok(ctl("user", "init", "--name", u, "--users-dir", users.toString()));
            String alice = fingerprint(users, "alice");
            String bob = fingerprint(users, "bob");
            String url = "http://127.0.0.1:" + rig.gateway().httpAddress().orElseThrow().getPort();
            Path data = dir.resolve("data");
            String code = Files.readString(data.resolve("setup-code")).strip();
            List<String> common = List.of("--broker", rig.broker.uri().toString(), "--home", GatewayRig.HOME,
                    "--gateway", GatewayRig.GATEWAY, "--users-dir", users.toString(), "--timeout", "10s");

            // enrolment: local only, with the code the gateway wrote into its data directory; the code works once
            Run wrong = ctl("user", "enroll", "alice", "--users-dir", users.toString(), "--gateway-url", url, "--setup-code", "AAAA-BBBB-CCCC");
            assertThat(wrong.exit()).isEqualTo(1);
            assertThat(wrong.err()).contains("401").contains("bad_setup_code");
            Run enrolled = ctl("user", "enroll", "alice", "--users-dir", users.toString(), "--gateway-url", url, "--setup-code", code);
            assertThat(enrolled.exit()).as(enrolled.err()).isZero();
            assertThat(enrolled.out()).contains("201").contains(alice);
            Run again = ctl("user", "enroll", "bob", "--users-dir", users.toString(), "--gateway-url", url, "--setup-code", code);
            assertThat(again.exit()).isEqualTo(1);
            assertThat(again.err()).contains("401");
            assertThat(rig.gateway().trust().orElseThrow().index().isEnrolledOwner(bob)).isFalse();

            ok(ctl(common, "room", "create", "Study", "--as", "alice"));
            ok(ctl(common, "assign", rig.lamp, "study", "--as", "alice"));

            Run shared = ctl(common, "share", "Study", "--to", "bob", "--privilege", "operate", "--expires", "2h", "--as", "alice");
            assertThat(shared.exit()).as(shared.err()).isZero();
            String grant = field(shared.out(), "grant");
            ok(ctl(common, "share", rig.lock, "--to", "carol", "--privilege", "view", "--as", "alice"));
            assertThat(ctl(common, "rooms", "--as", "bob").err()).as("a pending grant reaches nothing").contains("FORBIDDEN no_access");
            Run early = ctl(common, "set", rig.lamp, "2.1=true", "--as", "bob");
            assertThat(early.exit()).isEqualTo(1);
            assertThat(early.err()).contains("FORBIDDEN");

            // each user sees the grants they made, received or manage; the owner sees all
            JsonNode bobs = data(ctl(common, "shares", "--as", "bob"));
            assertThat(ids(bobs)).containsExactly(grant);
            assertThat(bobs.path("grants").get(0).path("state").asText()).isEqualTo("PENDING");
            assertThat(bobs.path("grants").get(0).path("granter").asText()).isEqualTo(alice);
            assertThat(bobs.path("grants").get(0).has("object")).as("the grantee gets the object to check and hash").isTrue();
            JsonNode carols = data(ctl(common, "shares", "--as", "carol"));
            assertThat(ids(carols)).hasSize(1).doesNotContain(grant);
            assertThat(ids(data(ctl(common, "shares", "--as", "alice")))).hasSize(2).contains(grant);
            assertThat(data(ctl(common, "shares", "--as", "alice")).path("grants").get(0).has("object")).as("only the grantee gets it").isFalse();

            Run accepted = ctl(common, "accept", grant, "--as", "bob");
            assertThat(accepted.exit()).as(accepted.err()).isZero();
            assertThat(accepted.out()).contains("accepting grant " + grant + " from " + alice + ": OPERATE on room:");
            assertThat(ctl(common, "accept", grant, "--as", "bob").err()).as("answered once").contains("no pending grant " + grant);
            Run set = ctl(common, "set", rig.lamp, "2.1=false", "--as", "bob");
            assertThat(set.exit()).as(set.err()).isZero();
            Conditions.await("the lamp off", Duration.ofSeconds(10),
                    () -> rig.device(rig.lamp).property("2.1").equals(Optional.of(Value.of(false))));
            assertThat(ctl(common, "action", rig.lock, "2.2", "--as", "bob").err()).contains("FORBIDDEN");
            Run bobsRooms = ok(ctl(common, "rooms", "--as", "bob"));
            assertThat(bobsRooms.out()).as("what bob's grant reaches").contains("Study").contains(rig.lamp).doesNotContain(rig.lock);
            assertThat(ok(ctl(common, "rooms", "--as", "alice")).out()).contains(rig.lamp).contains(rig.lock);
            assertThat(ctl(common, "revoke", grant, "--as", "bob").err()).as("bob is not the granter").contains("FORBIDDEN not_allowed");

            // the cloud's key shares nothing, and neither does a user-signed cloud-era share or an unsigned grant
            Path noKeys = Files.createDirectories(dir.resolve("no-keys"));
            Run cloudShare = ctl(List.of("--broker", rig.broker.uri().toString(), "--home", GatewayRig.HOME, "--gateway", GatewayRig.GATEWAY,
                    "--users-dir", noKeys.toString(), "--key", rig.keyFile.toString(), "--key-id", GatewayRig.KEY_ID, "--timeout", "10s"),
                    "share", "home", "--to", bob, "--privilege", "manage", "--as", alice);
            assertThat(cloudShare.exit()).isEqualTo(1);
            assertThat(cloudShare.err()).contains("FORBIDDEN cloud_not_authorising");
            assertThat(userSignedCreateShare(rig, users, bob).getReasonCode()).isEqualTo("signed_grants_only");
            UserSigner aliceKey = UserKeyFiles.read(users, "alice", GatewayRig.HOME, GatewayRig.GATEWAY).orElseThrow();
            SignedPolicyObject signed = aliceKey.sign(aliceKey.grantBody("g-forged", UserKey.require(keyOf(users, "carol")),
                    dev.hearth.driver.api.model.Privilege.MANAGE, dev.hearth.core.access.Scope.HOME, Instant.now(),
                    Instant.now().plusSeconds(3600), Instant.now()).build());
            SignedPolicyObject unsigned = signed.toBuilder().setSignature(ByteString.copyFrom(new byte[64])).build();
            CommandReply forged = rig.send("relay", "", b -> b.setSubmitPolicy(SubmitPolicyOp.newBuilder().setObject(unsigned)));
            assertThat(forged.getReasonCode()).isEqualTo("bad_signature");
            String metrics = rig.gateway().metrics().scrape();
            assertThat(counter(metrics, "hearth_commands_refused_total", "cloud_not_authorising")).isGreaterThanOrEqualTo(1);
            assertThat(counter(metrics, "hearth_commands_refused_total", "signed_grants_only")).isGreaterThanOrEqualTo(1);
            assertThat(counter(metrics, "hearth_policy_refusals_total", "bad_signature")).isGreaterThanOrEqualTo(1);

            Run revoked = ctl(common, "revoke", grant, "--as", "alice");
            assertThat(revoked.exit()).as(revoked.err()).isZero();
            Run after = ctl(common, "set", rig.lamp, "2.1=true", "--as", "bob");
            assertThat(after.exit()).isEqualTo(1);
            assertThat(after.err()).contains("FORBIDDEN");
            assertThat(data(ctl(common, "shares", "--as", "bob")).path("grants").get(0).path("state").asText()).isEqualTo("REVOKED");

            // the policy log, as a phone would check it: gateway-signed entries, each chained to the one before
            Run log = ctl("policy", "log", "--gateway-url", url, "--token-file", data.resolve("api-token").toString());
            assertThat(log.exit()).as(log.err()).isZero();
            JsonNode body = JSON.readTree(log.out());
            assertThat(body.path("valid").asBoolean()).isTrue();
            List<String> kinds = new ArrayList<>();
            UserKey gatewayKey = UserKey.require(ByteString.copyFrom(HexFormat.of().parseHex(body.path("head").path("gatewayKey").asText())));
            ByteString previous = ByteString.copyFrom(new byte[32]); // the first entry chains to 32 zero bytes
            for (JsonNode e : body.path("entries")) {
                byte[] entry = Base64.getDecoder().decode(e.path("entry").asText());
                assertThat(gatewayKey.verifies(entry, Base64.getDecoder().decode(e.path("signature").asText()))).as("entry %s signed", e.path("seq")).isTrue();
                assertThat(e.path("prevHash").asText()).as("entry %s chained", e.path("seq")).isEqualTo(HexFormat.of().formatHex(previous.toByteArray()));
                previous = PolicyObjects.hash(ByteString.copyFrom(entry));
                kinds.add(e.path("kind").asText());
            }
            assertThat(kinds).containsExactly("enrolment", "grant", "grant", "accept", "revoke");
            assertThat(body.path("entries").get(0).path("owner").asText()).isEqualTo(alice);
            assertThat(body.path("entries").get(0).path("authorisedBy").asText()).isEqualTo("setup_code");
            assertThat(body.path("head").path("seq").asLong()).isEqualTo(5);
            assertThat(body.path("head").path("hash").asText()).isEqualTo(HexFormat.of().formatHex(previous.toByteArray()));

            Run noToken = ctl("policy", "log", "--gateway-url", url, "--token-file", Files.writeString(dir.resolve("bad-token"), "nope").toString());
            assertThat(noToken.exit()).isEqualTo(1);
        }
    }

    /** A cloud-era create_share signed with alice's own key: with trust: users shares are signed grants. */
    private static CommandReply userSignedCreateShare(GatewayRig rig, Path users, String grantee) throws Exception {
        UserSigner alice = UserKeyFiles.read(users, "alice", GatewayRig.HOME, GatewayRig.GATEWAY).orElseThrow();
        try (CommandClient client = CommandClient.connect(rig.broker.uri(), Optional.empty(), rig.topics, Duration.ofSeconds(10))) {
            var body = alice.commandBody("", System.currentTimeMillis(), Instant.now(), Duration.ofSeconds(30), new SecureRandom())
                    .setReplyTopic(client.responseTopic())
                    .setCreateShare(CreateShareOp.newBuilder().setScope(Scope.newBuilder().setHome(true)).setGrantee(grantee)
                            .setPrivilege(Privilege.MANAGE)).build();
            return client.send(alice.sign(body)).get(15, TimeUnit.SECONDS);
        }
    }

    private static double counter(String scrape, String name, String reason) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*reason=\"" + reason + "\"[^}]*\\} ([0-9.Ee+]+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static Run ok(Run r) {
        assertThat(r.exit()).as("stdout: %s%nstderr: %s", r.out(), r.err()).isZero();
        return r;
    }

    private static ByteString keyOf(Path users, String name) throws Exception {
        return UserKeyFiles.read(users, name, "-", "-").orElseThrow().key().raw();
    }

    private static String fingerprint(Path users, String name) throws Exception {
        return UserKeyFiles.read(users, name, "-", "-").orElseThrow().fingerprint();
    }

    private static List<String> ids(JsonNode data) {
        return StreamSupport.stream(data.path("grants").spliterator(), false).map(g -> g.path("id").asText()).toList();
    }

    /** The JSON a successful command printed after its "OK id" line. */
    private static JsonNode data(Run r) throws Exception {
        assertThat(r.exit()).as(r.err()).isZero();
        String out = r.out();
        return JSON.readTree(out.substring(out.indexOf('{')));
    }

    private static Run ctl(List<String> common, String... args) {
        var all = new ArrayList<>(List.of(args));
        all.addAll(common);
        return ctl(all.toArray(new String[0]));
    }

    private static Run ctl(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = new CommandLine(new CtlCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\" : \"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }
}
