package dev.hearth.core.trust;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.hearth.protocols.cloud.v1.GrantObject;
import dev.hearth.protocols.cloud.v1.PolicyBody;
import dev.hearth.protocols.cloud.v1.SignedPolicyObject;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a user-signed grant, accept or revoke before the {@link TrustBook} looks at its meaning:
 * size, the body's shape and schema_version, the signer's key, the Ed25519 signature over the body
 * bytes exactly as received (nothing is re-serialised before a signature check, so protobuf's
 * encoding needs no canonical form), then the home and gateway it names. Never throws on bad input.
 */
public final class PolicyObjects {
    public static final int SCHEMA_VERSION = 1;
    /** Larger bodies are refused before parsing. */
    public static final int MAX_BODY_BYTES = 4096;
    public static final int MAX_GRANT_ID = 64;

    private final String home;
    private final String gateway;

    public PolicyObjects(String home, String gateway) {
        this.home = Objects.requireNonNull(home, "home");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    public PolicyCheck check(SignedPolicyObject object) {
        if (object == null || object.getBody().isEmpty()) return refused("malformed", "the policy object has no body");
        if (object.getBody().size() > MAX_BODY_BYTES) {
            return refused("malformed", "the policy object's body of " + object.getBody().size() + " bytes exceeds " + MAX_BODY_BYTES);
        }
        if (object.getSignature().size() != 64) return refused("malformed", "an Ed25519 signature is 64 bytes");
        PolicyBody body;
        try {
            body = PolicyBody.parseFrom(object.getBody());
        } catch (InvalidProtocolBufferException e) {
            return refused("malformed", "the policy object's body is not a PolicyBody");
        }
        if (body.getSchemaVersion() != SCHEMA_VERSION) {
            return refused("malformed", "policy schema_version " + body.getSchemaVersion() + " is not supported (this gateway reads "
                    + SCHEMA_VERSION + ")");
        }
        if (!body.getUnknownFields().asMap().isEmpty()) return refused("malformed", "the policy object has fields this gateway does not know");
        Optional<UserKey> signer = UserKey.of(body.getSignerKey());
        if (signer.isEmpty()) return refused("malformed", "the signer_key is not a 32-byte Ed25519 public key");
        if (!signer.get().verifies(object.getBody().toByteArray(), object.getSignature().toByteArray())) {
            return refused("bad_signature", "the signature does not match the signer's key " + signer.get().fingerprint());
        }
        if (!home.equals(body.getHome())) return refused("wrong_home", "the object is for another home");
        if (!gateway.equals(body.getGateway())) return refused("wrong_gateway", "the object is for another gateway");
        Optional<String> shape = shapeProblem(body);
        if (shape.isPresent()) return refused("malformed", shape.get());
        return new PolicyCheck.Verified(object, body, signer.get(), hash(object.getBody()));
    }

    /** SHA-256 of a signed body's bytes: what an accept names. */
    public static ByteString hash(ByteString body) {
        return ByteString.copyFrom(UserKey.sha256(body.toByteArray()));
    }

    private static Optional<String> shapeProblem(PolicyBody body) {
        switch (body.getKindCase()) {
            case GRANT -> {
                GrantObject g = body.getGrant();
                if (!validId(g.getGrantId())) return Optional.of("a grant_id is 1 to " + MAX_GRANT_ID + " letters, digits, '-' or '_'");
                if (UserKey.of(g.getGranteeKey()).isEmpty()) return Optional.of("the grantee_key is not a 32-byte Ed25519 public key");
                if (g.getGranteeKey().equals(body.getSignerKey())) return Optional.of("a grant needs a grantee other than its granter");
                if (TrustCodec.privilege(g.getPrivilege()).isEmpty()) return Optional.of("the grant names no privilege");
                if (TrustCodec.scope(g.getScope()).isEmpty()) return Optional.of("the grant names no valid scope");
                if (g.getExpiresMs() <= g.getNotBeforeMs()) return Optional.of("a grant must expire after its not_before");
                if (g.getPrivilege() == dev.hearth.protocols.cloud.v1.Privilege.OWNER && !g.getScope().getHome()) {
                    return Optional.of("OWNER is granted on the home only");
                }
                return Optional.empty();
            }
            case ACCEPT -> {
                return body.getAccept().getGrantHash().size() == 32 ? Optional.empty() : Optional.of("an accept names a 32-byte grant hash");
            }
            case REVOKE -> {
                return validId(body.getRevoke().getGrantId()) ? Optional.empty() : Optional.of("a revoke names a valid grant_id");
            }
            default -> {
                return Optional.of("the policy object is neither a grant, an accept nor a revoke");
            }
        }
    }

    static boolean validId(String id) {
        return !id.isEmpty() && id.length() <= MAX_GRANT_ID
                && id.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_');
    }

    private static PolicyCheck refused(String reason, String message) {
        return new PolicyCheck.Refused(reason, message);
    }
}
