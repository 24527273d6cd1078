package dev.hearth.core.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.access.DeviceScope;
import dev.hearth.core.access.Grant;
import dev.hearth.core.access.RoomScope;
import dev.hearth.core.access.Scope;
import dev.hearth.driver.api.model.Privilege;
import dev.hearth.protocols.cloud.v1.SignedPolicyObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Random grant graphs, accepts, revocations, device moves and the passing of time: after every
 * step the gateway's decisions (what it took, and every user's privilege on every device, room and
 * the home) equal those of {@link ReferenceChain}, the rule written a second time in the test.
 */
class GrantGraphPropertyTest {
    static final String[] USERS = {"alice", "u1", "u2", "u3", "u4"};
    static final String[] SCOPES = {"home", "room:bedroom", "room:hall", "device:lamp", "device:lock"};
    static final String[] TARGETS = {"home", "room:bedroom", "room:hall", "device:lamp", "device:lock", "device:fan"};

    /** One random step; each int is reduced modulo what it chooses from. */
    record Act(int kind, int a, int b, int c, int d, int e) {
    }

    @Provide
    Arbitrary<List<Act>> acts() {
        Arbitrary<Integer> i = Arbitraries.integers().between(0, 1_000);
        return Combinators.combine(Arbitraries.integers().between(0, 9), i, i, i, i, i).as(Act::new).list().ofMinSize(5).ofMaxSize(40);
    }

    @Property(tries = 150, shrinking = ShrinkingMode.BOUNDED)
    void theGatewayDecidesAsTheReferenceModel(@ForAll("acts") List<Act> acts) throws IOException {
        Path dir = Files.createTempDirectory("grant-graph");
        try (TrustRig rig = new TrustRig(dir)) {
            ReferenceChain ref = new ReferenceChain();
            ref.roomOf.put("lamp", "bedroom");
            ref.roomOf.put("lock", "hall");
            rig.at(0);
            rig.enrol("alice");
            ref.owners.add(rig.user("alice").fingerprint());
            List<String> ids = new ArrayList<>();
            Map<String, SignedPolicyObject> grants = new HashMap<>();
            long now = 0;
            int step = 0;
            for (Act act : acts) {
                step++;
                String signer = USERS[act.a() % USERS.length];
                switch (act.kind()) {
                    case 0, 1, 2, 3 -> {
                        String grantee = USERS[1 + act.b() % (USERS.length - 1)];
                        if (grantee.equals(signer)) break;
                        String scope = SCOPES[act.c() % SCOPES.length];
                        int privilege = 1 + act.d() % 4;
                        if (privilege == 4) scope = "home";
                        long expires = now + 5 + act.e() % 200;
                        String id = "g" + step;
                        SignedPolicyObject o = rig.user(signer).sign(rig.user(signer).grantBody(id, rig.user(grantee).key(),
                                Privilege.values()[privilege - 1], scope(rig, scope), rig.clock.instant(),
                                TrustRig.T0.plusSeconds(expires), rig.clock.instant()).build());
                        boolean expected = ref.grant(new ReferenceChain.G(id, fp(rig, signer), fp(rig, grantee), refScope(scope),
                                privilege, now, expires), now);
                        assertThat(rig.relay(o).equals("ok")).as("step %d: grant %s", step, id).isEqualTo(expected);
                        if (expected) {
                            ids.add(id);
                            grants.put(id, o);
                        }
                    }
                    case 4, 5, 6 -> {
                        if (ids.isEmpty()) break;
                        String id = ids.get(act.b() % ids.size());
                        ReferenceChain.G g = ref.find(id);
                        String grantee = name(rig, g.grantee);
                        SignedPolicyObject o = rig.user(grantee).sign(rig.user(grantee)
                                .acceptBody(UserSigner.hashOf(grants.get(id)), false, rig.clock.instant()).build());
                        boolean expected = ref.accept(g.grantee, id, now);
                        assertThat(rig.relay(o).equals("ok")).as("step %d: accept %s", step, id).isEqualTo(expected);
                    }
                    case 7 -> {
                        if (ids.isEmpty()) break;
                        String id = ids.get(act.b() % ids.size());
                        SignedPolicyObject o = rig.user(signer).sign(rig.user(signer).revokeBody(id, rig.clock.instant()).build());
                        boolean expected = ref.revoke(fp(rig, signer), id, now);
                        assertThat(rig.relay(o).equals("ok")).as("step %d: %s revokes %s", step, signer, id).isEqualTo(expected);
                    }
                    case 8 -> {
                        String room = new String[] {"bedroom", "hall", null}[act.b() % 3];
                        rig.devices.assign("lamp", Optional.ofNullable(room).map(r -> r.equals("bedroom") ? rig.bedroom : rig.hall));
                        if (room == null) ref.roomOf.remove("lamp");
                        else ref.roomOf.put("lamp", room);
                    }
                    default -> {
                        now += act.b() % 60;
                        rig.at(now);
                    }
                }
                for (String user : USERS) {
                    for (String target : TARGETS) {
                        int want = ref.right(fp(rig, user), refScope(target), now, KeyPrivileges.MAX_LINKS);
                        Optional<Grant> got = rig.trust.privileges().highest(fp(rig, user), scope(rig, target), rig.clock.instant());
                        assertThat(got.map(g -> g.privilege().ordinal() + 1).orElse(0))
                                .as("step %d: %s on %s", step, user, target).isEqualTo(want);
                    }
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String fp(TrustRig rig, String user) {
        return rig.user(user).fingerprint();
    }

    private static String name(TrustRig rig, String fingerprint) {
        for (String u : USERS) if (fp(rig, u).equals(fingerprint)) return u;
        throw new AssertionError("unknown key " + fingerprint);
    }

    /** The reference model names rooms by name; the gateway by id. */
    private static String refScope(String s) {
        return s;
    }

    private static Scope scope(TrustRig rig, String s) {
        if (s.equals("home")) return Scope.HOME;
        if (s.startsWith("room:")) return new RoomScope(s.endsWith("bedroom") ? rig.bedroom : rig.hall);
        return new DeviceScope(s.substring(7));
    }
}
