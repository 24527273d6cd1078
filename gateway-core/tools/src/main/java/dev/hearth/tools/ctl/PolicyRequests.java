package dev.hearth.tools.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.hearth.core.access.DeviceScope;
import dev.hearth.core.access.RoomScope;
import dev.hearth.core.access.Scope;
import dev.hearth.core.trust.PolicyCheck;
import dev.hearth.core.trust.PolicyObjects;
import dev.hearth.core.trust.UserKey;
import dev.hearth.core.trust.UserSigner;
import dev.hearth.driver.api.model.Privilege;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.GrantObject;
import dev.hearth.protocols.cloud.v1.ListSharesOp;
import dev.hearth.protocols.cloud.v1.SignedPolicyObject;
import dev.hearth.protocols.cloud.v1.SubmitPolicyOp;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Shares as signed policy objects ({@code home.trust: users}, DESIGN.md section 6), for a user whose
 * own key this machine holds: a grant signed by the granter, an accept or decline signed by the
 * grantee over the grant's hash, a revoke; each sent in a submit_policy command that the same key
 * signs. Before accepting, the grantee checks the grant object the gateway lists (the granter's
 * signature, this home and gateway, that it names the grantee's key) and hashes it itself, so a
 * relay cannot have the grantee accept a grant other than the one shown.
 */
final class PolicyRequests {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A grant without --expires runs until revoked. */
    static final Instant UNTIL_REVOKED = Instant.ofEpochMilli(Long.MAX_VALUE);

    private final SignedRequest request;
    private final String user;
    private final UserSigner signer;

    PolicyRequests(SignedRequest request, String user, UserSigner signer) {
        this.request = request;
        this.user = user;
        this.signer = signer;
    }

    /** The grantee's key: a user key on this machine by name, or a base64 public key (as {@code ctl user show} prints). */
    static Optional<UserKey> granteeKey(SignedRequest request, String text) throws ExecutionException {
        Optional<UserSigner> local = request.own(text);
        if (local.isPresent()) return Optional.of(local.get().key());
        try {
            return UserKey.of(ByteString.copyFrom(Base64.getDecoder().decode(text.strip())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    int grant(dev.hearth.protocols.cloud.v1.Scope wireScope, UserKey grantee, Privilege privilege, Optional<Duration> expires)
            throws MqttException, ExecutionException, TimeoutException, InterruptedException {
        Instant now = Instant.now();
        byte[] id = new byte[8];
        new SecureRandom().nextBytes(id);
        String grantId = "g_" + HexFormat.of().formatHex(id);
        Instant until = expires.map(now::plus).orElse(UNTIL_REVOKED);
        SignedPolicyObject grant = signer.sign(signer.grantBody(grantId, grantee, privilege, scope(wireScope), now, until, now).build());
        return submit(grant);
    }

    int answer(String grantId, boolean accept) throws MqttException, ExecutionException, TimeoutException, InterruptedException {
        CommandReply listed = request.send(user, "", b -> b.setListShares(ListSharesOp.getDefaultInstance()));
        if (listed.getStatus() != CommandReply.Status.OK) return request.print(listed);
        Optional<SignedPolicyObject> object = pendingObject(listed, grantId);
        if (object.isEmpty()) {
            request.err().println("no pending grant " + grantId + " for " + user + " (" + signer.fingerprint() + ")");
            return 1;
        }
        PolicyCheck check = new PolicyObjects(request.options().home, request.options().gateway).check(object.get());
        if (!(check instanceof PolicyCheck.Verified v) || !v.body().hasGrant()) {
            request.err().println("the gateway listed grant " + grantId + " in a form that does not verify: "
                    + (check instanceof PolicyCheck.Refused r ? r.reason() + ": " + r.message() : "not a grant"));
            return 1;
        }
        GrantObject g = v.body().getGrant();
        if (!g.getGrantId().equals(grantId) || !g.getGranteeKey().equals(signer.key().raw())) {
            request.err().println("the object listed as grant " + grantId + " is grant " + g.getGrantId() + " for another key: not answered");
            return 1;
        }
        request.out().println((accept ? "accepting" : "declining") + " grant " + grantId + " from " + v.signer().fingerprint() + ": "
                + g.getPrivilege() + " on " + scope(g.getScope()).key()
                + (g.getExpiresMs() == Long.MAX_VALUE ? " until revoked" : " until " + Instant.ofEpochMilli(g.getExpiresMs())));
        ByteString hash = PolicyObjects.hash(object.get().getBody());
        return submit(signer.sign(signer.acceptBody(hash, !accept, Instant.now()).build()));
    }

    int revoke(String grantId) throws MqttException, ExecutionException, TimeoutException, InterruptedException {
        return submit(signer.sign(signer.revokeBody(grantId, Instant.now()).build()));
    }

    private int submit(SignedPolicyObject object) throws MqttException, ExecutionException, TimeoutException, InterruptedException {
        return request.print(request.send(user, "", b -> b.setSubmitPolicy(SubmitPolicyOp.newBuilder().setObject(object))));
    }

    private static Optional<SignedPolicyObject> pendingObject(CommandReply listed, String grantId) {
        try {
            for (JsonNode g : JSON.readTree(listed.getData().toByteArray()).path("grants")) {
                if (g.path("id").asText().equals(grantId) && g.hasNonNull("object")) {
                    return Optional.of(SignedPolicyObject.parseFrom(Base64.getDecoder().decode(g.path("object").asText())));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // InvalidProtocolBufferException is an IOException
        }
        return Optional.empty();
    }

    private static Scope scope(dev.hearth.protocols.cloud.v1.Scope s) {
        return switch (s.getTargetCase()) {
            case DEVICE -> new DeviceScope(s.getDevice());
            case ROOM_ID -> new RoomScope(s.getRoomId());
            default -> Scope.HOME;
        };
    }
}
