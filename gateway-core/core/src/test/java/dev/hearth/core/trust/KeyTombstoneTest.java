package dev.hearth.core.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.access.Scope;
import dev.hearth.driver.api.model.Privilege;
import dev.hearth.protocols.cloud.v1.PolicyLogEntry;
import dev.hearth.protocols.cloud.v1.SignedPolicyObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key's erasure on the trust book over a real SQLite file: the tombstone is a log entry that keeps
 * only the key's hash, ends the grants the key gave and received (and so what others held through
 * them), survives a restart by replay, and refuses the key for good.
 */
class KeyTombstoneTest {
    @TempDir Path dir;

    private SignedPolicyObject grant(TrustRig rig, String granter, String id, String grantee, Privilege p, Scope scope) {
        Instant now = rig.clock.instant();
        return rig.user(granter).sign(rig.user(granter).grantBody(id, rig.user(grantee).key(), p, scope, now.minusSeconds(1),
                now.plus(Duration.ofDays(1)), now).build());
    }

    private SignedPolicyObject accept(TrustRig rig, String grantee, SignedPolicyObject grant) {
        return rig.user(grantee).sign(rig.user(grantee).acceptBody(TrustRig.hash(grant), false, rig.clock.instant()).build());
    }

    private String command(TrustRig rig, String user, long counter) {
        var u = rig.user(user);
        return rig.command(u.sign(TrustRig.withOperation(u.commandBody("lamp", counter, rig.clock.instant(), Duration.ofSeconds(30),
                rig.random), "set").build()));
    }

    @Test
    void anErasedKeysGrantsEndTheTombstoneSurvivesARestartAndTheKeyNeverComesBack() throws Exception {
        try (TrustRig rig = new TrustRig(dir)) {
            rig.at(0);
            rig.enrol("alice");
            SignedPolicyObject toBob = grant(rig, "alice", "g-bob", "bob", Privilege.MANAGE, Scope.HOME);
            assertThat(rig.relay(toBob)).isEqualTo("ok");
            SignedPolicyObject bobAccepts = accept(rig, "bob", toBob);
            assertThat(rig.relay(bobAccepts)).isEqualTo("ok");
            SignedPolicyObject toCarol = grant(rig, "bob", "g-carol", "carol", Privilege.OPERATE, Scope.HOME);
            assertThat(rig.relay(toCarol)).isEqualTo("ok");
            assertThat(rig.relay(accept(rig, "carol", toCarol))).isEqualTo("ok");
            assertThat(command(rig, "carol", 1)).isEqualTo("OK");
            String bob = rig.user("bob").fingerprint();

            TrustBook.Erasure erased = rig.trust.erase(bob).orElseThrow();

            assertThat(erased.grantsRevoked()).isEqualTo(2);
            assertThat(erased.seq()).isEqualTo(6);
            PolicyLogEntry last = PolicyLogEntry.parseFrom(rig.trust.log().get(5).getEntry());
            assertThat(last.getTombstone().getKeyHash()).isEqualTo(rig.user("bob").key().hash());
            assertThat(indexOf(last.toByteArray(), rig.user("bob").key().raw().toByteArray())).as("only the hash is kept").isEqualTo(-1);
            assertThat(rig.trust.erase(bob)).as("erasing again does nothing").isEmpty();
            assertThat(command(rig, "carol", 2)).as("carol held it through bob").startsWith("FORBIDDEN");

            rig.restart();
            assertThat(rig.trust.valid()).isTrue();
            assertThat(rig.trust.index().isErased(bob)).isTrue();
            assertThat(rig.trust.index().find("g-bob").orElseThrow().state()).isEqualTo(GrantState.REVOKED);
            assertThat(command(rig, "bob", 1)).isEqualTo("FORBIDDEN:key_erased");
            assertThat(rig.relay(bobAccepts)).isEqualTo("refused:erased");
            assertThat(rig.relay(grant(rig, "alice", "g-bob-2", "bob", Privilege.VIEW, Scope.HOME))).isEqualTo("refused:erased");
            assertThat(rig.trust.enrol(rig.user("bob").key(), "bob", "api_token")).isInstanceOf(PolicyResult.Refused.class)
                    .extracting(r -> ((PolicyResult.Refused) r).reason()).isEqualTo("erased");
            assertThat(rig.trust.entriesAbout(bob)).extracting(PolicyLogEntry::getSeq).containsExactly(2L, 3L, 4L, 5L, 6L);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    @Test
    void anUnknownKeyIsNotTombstoned() throws Exception {
        try (TrustRig rig = new TrustRig(dir)) {
            rig.at(0);
            rig.enrol("alice");
            assertThat(rig.trust.erase(rig.user("stranger").fingerprint())).isEmpty();
            assertThat(rig.trust.log()).hasSize(1);
        }
    }
}
