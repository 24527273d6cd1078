package dev.hearth.tools.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.commands.GatewayRig;
import dev.hearth.core.trust.UserSigner;
import dev.hearth.driver.api.model.Privilege;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.SignedPolicyObject;
import dev.hearth.protocols.cloud.v1.SubmitPolicyOp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hearth ctl privacy} and {@code ctl consent} against a running gateway ({@code trust:
 * users}, a real Mosquitto): a user's export and erasure through the cloud signed with their own
 * key, the owner's on the local API, UX consent both ways, and the exit codes (1 "no data held for
 * user U" for a typo).
 */
class CtlPrivacyIT {
    private record Run(int exit, String out, String err) { }

    @TempDir Path dir;

    @Test
    void aUserExportsAndErasesThemselfThroughTheCloudAndTheOwnerServesRightsAndConsentLocally() throws Exception {
        try (var rig = new GatewayRig(dir, true)) {
            Path users = dir.resolve("users");
            String url = "http://127.0.0.1:" + rig.gateway().httpAddress().orElseThrow().getPort();
            List<String> cloud = List.of("--broker", rig.broker.uri().toString(), "--home", GatewayRig.HOME,
                    "--gateway", GatewayRig.GATEWAY, "--users-dir", users.toString(), "--timeout", "15s");
            List<String> local = List.of("--gateway-url", url, "--token-file", dir.resolve("data/api-token").toString());

            Run typo = ctl(local, "privacy", "export", "--user", "alcie");
            assertThat(typo.exit()).isEqualTo(1);
            assertThat(typo.err()).contains("no data held for user alcie");

            UserSigner alice = UserKeyFiles.create(users, "alice", GatewayRig.HOME, GatewayRig.GATEWAY);
            UserSigner bob = UserKeyFiles.create(users, "bob", GatewayRig.HOME, GatewayRig.GATEWAY);
            Run enrolled = ctl(List.of("--users-dir", users.toString(), "--gateway-url", url), "user", "enroll", "alice",
                    "--setup-code", rig.gateway().setupCode().reveal());
            assertThat(enrolled.exit()).as(enrolled.err()).isZero();
            Instant now = Instant.now();
            SignedPolicyObject toBob = alice.sign(alice.grantBody("g-bob", bob.key(), Privilege.VIEW, dev.hearth.core.access.Scope.HOME,
                    now.minusSeconds(5), now.plus(Duration.ofDays(1)), now).build());
            assertThat(relay(rig, toBob).getStatus()).isEqualTo(CommandReply.Status.OK);
            assertThat(relay(rig, bob.sign(bob.acceptBody(UserSigner.hashOf(toBob), false, Instant.now()).build())).getStatus())
                    .isEqualTo(CommandReply.Status.OK);

            // bob's key file is named "bob"; the user it signs for is its fingerprint
            Run export = ctl(cloud, "privacy", "export", "--as", "bob");
            assertThat(export.exit()).as(export.err()).isZero();
            assertThat(export.out()).contains(bob.fingerprint()).contains("\"grantsReceived\"").contains("g-bob");

            Run erased = ctl(cloud, "privacy", "erase", "--as", "bob", "--user", bob.fingerprint(), "--yes");
            assertThat(erased.exit()).as(erased.err()).isZero();
            assertThat(erased.out()).contains("\"keyErased\" : true");
            Run after = ctl(cloud, "privacy", "export", "--as", "bob");
            assertThat(after.exit()).isEqualTo(1);
            assertThat(after.err()).contains("FORBIDDEN key_erased");
            Run ownerView = ctl(local, "privacy", "export", "--user", bob.fingerprint());
            assertThat(ownerView.exit()).as(ownerView.err()).isZero();
            assertThat(ownerView.out()).contains("\"erased\":true").contains("tombstone");

            assertThat(ctl(local, "consent", "set", "ux", "on").exit()).isZero();
            assertThat(ctl(local, "consent", "show").out()).contains("\"uxProgrammeJoined\":true");
            Run viaCloud = ctl(cloud, "consent", "set", "ux", "off", "--as", "alice");
            assertThat(viaCloud.exit()).as(viaCloud.err()).isZero();
            assertThat(ctl(local, "consent", "show").out()).contains("\"uxProgrammeJoined\":false");
            assertThat(ctl(local, "consent", "set", "ux", "maybe").exit()).isEqualTo(2);

            // a withdrawal is taken for a user the home holds nothing about (it only stops data; the
            // export of such a user is "no data held", above); from then on the home holds its record
            Run nobody = ctl(local, "privacy", "withdraw", "--user", "carol", "--yes");
            assertThat(nobody.exit()).as(nobody.err()).isZero();
            assertThat(ctl(local, "privacy", "export", "--user", "carol").out()).contains("WITHDRAWN");
        }
    }

    private static CommandReply relay(GatewayRig rig, SignedPolicyObject object) throws Exception {
        return rig.send("relay", "", b -> b.setSubmitPolicy(SubmitPolicyOp.newBuilder().setObject(object)));
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
}
