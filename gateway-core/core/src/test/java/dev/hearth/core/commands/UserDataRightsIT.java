package dev.hearth.core.commands;

import static dev.hearth.core.commands.HomeSharingIT.json;
import static dev.hearth.core.commands.HomeSharingIT.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.core.access.DeviceScope;
import dev.hearth.core.access.Scope;
import dev.hearth.core.cloud.CloudSubscriber;
import dev.hearth.core.trust.UserSigner;
import dev.hearth.testkit.Conditions;
import dev.hearth.driver.api.model.Privilege;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import dev.hearth.protocols.cloud.v1.EraseUserDataOp;
import dev.hearth.protocols.cloud.v1.ExportUserDataOp;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.SetPropertiesOp;
import dev.hearth.protocols.cloud.v1.SignedPolicyObject;
import dev.hearth.protocols.cloud.v1.SubmitPolicyOp;
import dev.hearth.protocols.cloud.v1.Telemetry;
import dev.hearth.protocols.cloud.v1.WithdrawConsentOp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's data rights on a running gateway ({@code home.trust: users}, a real Mosquitto, the
 * real SQLite file, simulated lamp and lock): a user's export through the cloud command path signed
 * with their own key holds their key, grants and log entries; their erasure leaves a tombstone that
 * revokes what they gave and received and refuses their key for good (commands, replayed objects,
 * new grants, re-enrolment); the owner serves the same requests on the local API, where an unknown
 * user is 404 "no data held"; a withdrawal stops what the uplink sends about the user at once.
 */
class UserDataRightsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PSEUDONYMISE = """
            privacy:
              classes: { personal: pseudonymise }
            """;

    @TempDir Path dir;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> counters = new HashMap<>();

    @Test
    void aUsersEraseThroughTheCloudTombstonesTheirKeyRevokesWhatTheyGaveAndReceivedAndNothingBringsItBack() throws Exception {
        try (var rig = new GatewayRig(dir, true)) {
            UserSigner alice = UserSigner.generate(random, GatewayRig.HOME, GatewayRig.GATEWAY);
            UserSigner bob = UserSigner.generate(random, GatewayRig.HOME, GatewayRig.GATEWAY);
            UserSigner carol = UserSigner.generate(random, GatewayRig.HOME, GatewayRig.GATEWAY);
            assertThat(enrol(rig, alice).statusCode()).isEqualTo(201);
            Instant now = Instant.now();
            SignedPolicyObject toBob = grant(alice, "g-bob", bob, Privilege.MANAGE, Scope.HOME, now);
            ok(relay(rig, toBob));
            SignedPolicyObject bobAccepts = bob.sign(bob.acceptBody(UserSigner.hashOf(toBob), false, Instant.now()).build());
            ok(relay(rig, bobAccepts));
            SignedPolicyObject toCarol = grant(bob, "g-carol", carol, Privilege.OPERATE, new DeviceScope(rig.lamp), now);
            ok(relay(rig, toCarol));
            ok(relay(rig, carol.sign(carol.acceptBody(UserSigner.hashOf(toCarol), false, Instant.now()).build())));
            ok(send(rig, carol, rig.lamp, b -> b.setSetProperties(on(true))));

            JsonNode export = json(ok(send(rig, bob, "", b -> b.setExportUserData(ExportUserDataOp.getDefaultInstance()))));
            assertThat(export.path("keys").path("fingerprint").asText()).isEqualTo(bob.fingerprint());
            assertThat(export.path("keys").path("publicKey").asText())
                    .isEqualTo(Base64.getEncoder().encodeToString(bob.key().raw().toByteArray()));
            assertThat(export.path("keys").path("grantsReceived").findValuesAsText("id")).containsExactly("g-bob");
            assertThat(export.path("keys").path("grantsGiven").findValuesAsText("id")).containsExactly("g-carol");
            assertThat(export.path("keys").path("policyLog").findValuesAsText("seq")).containsExactly("2", "3", "4", "5");
            assertThat(export.path("consent").path("history").findValuesAsText("kind")).containsExactly("EXPORTED");

            JsonNode erased = json(ok(send(rig, bob, "", b -> b.setEraseUserData(EraseUserDataOp.getDefaultInstance()))));
            assertThat(erased.path("keyErased").asBoolean()).isTrue();
            assertThat(erased.path("signedGrantsRevoked").asInt()).as("the grant to bob and bob's grant to carol").isEqualTo(2);
            assertThat(erased.path("tombstoneSeq").asLong()).isEqualTo(6);

            CommandReply bobAfter = send(rig, bob, rig.lamp, b -> b.setSetProperties(on(false)));
            assertThat(bobAfter.getStatus()).isEqualTo(Status.FORBIDDEN);
            assertThat(bobAfter.getReasonCode()).isEqualTo("key_erased");
            CommandReply carolAfter = send(rig, carol, rig.lamp, b -> b.setSetProperties(on(false)));
            assertThat(carolAfter.getStatus()).as("carol held the lamp through bob's grant").isEqualTo(Status.FORBIDDEN);
            assertThat(refusal(relay(rig, bobAccepts))).as("bob's accept replayed").isEqualTo("erased");
            assertThat(refusal(relay(rig, grant(alice, "g-bob-2", bob, Privilege.VIEW, Scope.HOME, Instant.now()))))
                    .as("a new grant to the erased key").isEqualTo("erased");
            HttpResponse<String> again = enrolWithToken(rig, bob);
            assertThat(again.statusCode()).as("re-enrolment of the erased key").isEqualTo(409);
            assertThat(again.body()).contains("erased");

            rig.restart();
            CommandReply afterRestart = send(rig, bob, rig.lamp, b -> b.setSetProperties(on(false)));
            assertThat(afterRestart.getReasonCode()).as("the tombstone is replayed at start").isEqualTo("key_erased");
            HttpResponse<String> ownerView = local(rig, "GET", "/api/v1/privacy/users/" + bob.fingerprint() + "/export", null);
            assertThat(ownerView.statusCode()).isEqualTo(200);
            JsonNode held = JSON.readTree(ownerView.body());
            assertThat(held.path("keys").path("erased").asBoolean()).isTrue();
            assertThat(held.path("keys").path("policyLog").findValuesAsText("kind")).contains("tombstone");
            assertThat(held.path("consent").path("history").findValuesAsText("kind")).containsExactly("EXPORTED", "ERASED", "EXPORTED");
        }
    }

    @Test
    void theOwnerServesRightsOnTheLocalApiAndAnUnknownUserIsNoDataHeld() throws Exception {
        try (var rig = new GatewayRig(dir, true)) {
            HttpResponse<String> typo = local(rig, "GET", "/api/v1/privacy/users/alcie/export", null);
            assertThat(typo.statusCode()).isEqualTo(404);
            assertThat(typo.body()).contains("no data held for user alcie");
            assertThat(local(rig, "POST", "/api/v1/privacy/users/alcie/erase", "{\"confirm\":true}").statusCode()).isEqualTo(404);

            UserSigner alice = UserSigner.generate(random, GatewayRig.HOME, GatewayRig.GATEWAY);
            UserSigner dave = UserSigner.generate(random, GatewayRig.HOME, GatewayRig.GATEWAY);
            assertThat(enrol(rig, alice).statusCode()).isEqualTo(201);
            SignedPolicyObject toDave = grant(alice, "g-dave", dave, Privilege.VIEW, Scope.HOME, Instant.now());
            ok(relay(rig, toDave));
            String erase = "/api/v1/privacy/users/" + dave.fingerprint() + "/erase";
            HttpResponse<String> unconfirmed = local(rig, "POST", erase, "{}");
            assertThat(unconfirmed.statusCode()).isEqualTo(400);
            assertThat(unconfirmed.body()).contains("confirm");
            assertThat(rig.gateway().trust().orElseThrow().index().isErased(dave.fingerprint())).isFalse();
            HttpResponse<String> done = local(rig, "POST", erase, "{\"confirm\":true}");
            assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
            assertThat(JSON.readTree(done.body()).path("keyErased").asBoolean()).isTrue();

            assertThat(local(rig, "GET", "/api/v1/consent", null).body()).contains("\"uxProgrammeJoined\":false");
            assertThat(local(rig, "POST", "/api/v1/consent/ux", "{\"joined\":\"yes\"}").statusCode()).isEqualTo(400);
            assertThat(local(rig, "POST", "/api/v1/consent/ux", "{\"joined\":true}").statusCode()).isEqualTo(200);
            assertThat(local(rig, "GET", "/api/v1/consent", null).body()).contains("\"uxProgrammeJoined\":true")
                    .contains("UX_PROGRAMME_JOINED");
            // recorded in the real SQLite file, with who asked and the outcome
            try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/hearth.db"));
                 ResultSet r = c.createStatement().executeQuery(
                         "SELECT actor, subject, kind, result FROM consent_history WHERE kind = 'ERASED'")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo(GatewayRig.OWNER);
                assertThat(r.getString(2)).isEqualTo(dave.fingerprint());
                assertThat(r.getString(4)).contains("key erased");
            }
        }
    }

    @Test
    void aWithdrawalSignedByTheUserStopsWhatTheUplinkSendsAboutThemAtOnce() throws Exception {
        try (var rig = new GatewayRig(dir, true, PSEUDONYMISE);
             var telemetry = new CloudSubscriber(rig.broker.uri(), rig.topics.telemetry(rig.lock))) {
            UserSigner alice = UserSigner.generate(random, GatewayRig.HOME, GatewayRig.GATEWAY);
            UserSigner erin = UserSigner.generate(random, GatewayRig.HOME, GatewayRig.GATEWAY);
            assertThat(enrol(rig, alice).statusCode()).isEqualTo(201);
            SignedPolicyObject toErin = grant(alice, "g-erin", erin, Privilege.VIEW, Scope.HOME, Instant.now());
            ok(relay(rig, toErin));
            ok(relay(rig, erin.sign(erin.acceptBody(UserSigner.hashOf(toErin), false, Instant.now()).build())));
            String erinOnTheWire = rig.gateway().pseudonymiser().pseudonym(erin.fingerprint());

            rig.device(rig.lock).unlockBy(erin.fingerprint(), "fingerprint");
            awaitUnlockNaming(telemetry, erinOnTheWire);

            JsonNode withdrawn = json(ok(send(rig, erin, "", b -> b.setWithdrawConsent(WithdrawConsentOp.getDefaultInstance()))));
            assertThat(withdrawn.path("consentWithdrawn").asBoolean()).isTrue();
            assertThat(withdrawn.path("keyErased").asBoolean()).isTrue();
            int before = telemetry.received().size();
            rig.device(rig.lock).unlockBy(erin.fingerprint(), "fingerprint");
            rig.device(rig.lock).unlockBy("marker-user", "card");
            awaitUnlockNaming(telemetry, rig.gateway().pseudonymiser().pseudonym("marker-user"));
            assertThat(telemetry.received().subList(before, telemetry.received().size()))
                    .as("after the withdrawal nothing names erin, raw or pseudonymised")
                    .noneMatch(m -> contains(m.payload(), erinOnTheWire) || contains(m.payload(), erin.fingerprint()));
        }
    }

    private static void awaitUnlockNaming(CloudSubscriber s, String name) {
        Conditions.await("an unlock naming " + name, Duration.ofSeconds(15),
                () -> s.received().stream().anyMatch(m -> contains(m.payload(), name)), () -> s.received().size() + " messages");
        assertThat(s.received().stream().filter(m -> contains(m.payload(), name)).findFirst().map(m -> parse(m.payload())))
                .get().extracting(Telemetry::hasEvent).isEqualTo(true);
    }

    private static Telemetry parse(byte[] b) {
        try {
            return Telemetry.parseFrom(b);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError("telemetry does not parse", e);
        }
    }

    private static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }

    private static SignedPolicyObject grant(UserSigner granter, String id, UserSigner grantee, Privilege p, Scope scope, Instant now) {
        return granter.sign(granter.grantBody(id, grantee.key(), p, scope, now.minusSeconds(5), now.plus(Duration.ofDays(1)), now).build());
    }

    private static String refusal(CommandReply r) {
        return r.getStatus() == Status.OK ? "ok" : r.getReasonCode();
    }

    private HttpResponse<String> enrol(GatewayRig rig, UserSigner user) throws Exception {
        String body = "{\"publicKey\":\"" + Base64.getEncoder().encodeToString(user.key().raw().toByteArray())
                + "\",\"name\":\"owner\",\"setupCode\":\"" + rig.gateway().setupCode().reveal() + "\"}";
        return post(rig, "/api/v1/owners/setup", body, false);
    }

    private HttpResponse<String> enrolWithToken(GatewayRig rig, UserSigner user) throws Exception {
        String body = "{\"publicKey\":\"" + Base64.getEncoder().encodeToString(user.key().raw().toByteArray()) + "\",\"name\":\"again\"}";
        return post(rig, "/api/v1/owners", body, true);
    }

    private static HttpResponse<String> post(GatewayRig rig, String path, String body, boolean token) throws Exception {
        return send(rig, "POST", path, body, token);
    }

    private static HttpResponse<String> local(GatewayRig rig, String method, String path, String body) throws Exception {
        return send(rig, method, path, body, true);
    }

    private static HttpResponse<String> send(GatewayRig rig, String method, String path, String body, boolean token) throws Exception {
        var address = rig.gateway().httpAddress().orElseThrow();
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token) req.header("Authorization", "Bearer " + rig.gateway().apiToken().reveal());
        return HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A command signed by {@code user}'s own key, with that key's next counter and the client's reply topic bound. */
    private CommandReply send(GatewayRig rig, UserSigner user, String device, UnaryOperator<CommandBody.Builder> op) throws Exception {
        long counter = counters.merge(user.fingerprint(), 1L, Long::sum);
        CommandBody body = op.apply(user.commandBody(device, counter, Instant.now(), Duration.ofSeconds(30), random)
                .setReplyTopic(rig.client.responseTopic())).build();
        return rig.client.send(user.sign(body)).get(15, TimeUnit.SECONDS);
    }

    private static CommandReply relay(GatewayRig rig, SignedPolicyObject object) throws Exception {
        return rig.send("relay", "", b -> b.setSubmitPolicy(SubmitPolicyOp.newBuilder().setObject(object)));
    }

    private static SetPropertiesOp.Builder on(boolean on) {
        return SetPropertiesOp.newBuilder().addValues(Property.newBuilder().setKey("2.1")
                .setValue(dev.hearth.protocols.cloud.v1.Value.newBuilder().setBoolValue(on)));
    }
}
