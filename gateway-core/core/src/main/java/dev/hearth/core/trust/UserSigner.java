package dev.hearth.core.trust;

import com.google.protobuf.ByteString;
import dev.hearth.core.access.Scope;
import dev.hearth.driver.api.model.Privilege;
import dev.hearth.protocols.cloud.CommandDecoder;
import dev.hearth.protocols.cloud.v1.AcceptObject;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.GrantObject;
import dev.hearth.protocols.cloud.v1.PolicyBody;
import dev.hearth.protocols.cloud.v1.RevokeObject;
import dev.hearth.protocols.cloud.v1.SignedCommand;
import dev.hearth.protocols.cloud.v1.SignedPolicyObject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The user's side of the contract (what the mini-program does on the phone; {@code hearth ctl
 * --as NAME}, tests and benchmarks use it here): makes grants, accepts and revokes and user-signed
 * commands for one home and gateway, and signs them with the user's private key.
 * {@link #toString()} shows the fingerprint only.
 */
public final class UserSigner {
    private final Ed25519PrivateKeyParameters key;
    private final UserKey publicKey;
    private final String home;
    private final String gateway;

    public UserSigner(Ed25519PrivateKeyParameters key, String home, String gateway) {
        this.key = Objects.requireNonNull(key, "key");
        this.publicKey = UserKey.require(ByteString.copyFrom(key.generatePublicKey().getEncoded()));
        this.home = Objects.requireNonNull(home, "home");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    public static UserSigner generate(SecureRandom random, String home, String gateway) {
        return new UserSigner(new Ed25519PrivateKeyParameters(random), home, gateway);
    }

    public UserKey key() {
        return publicKey;
    }

    public String fingerprint() {
        return publicKey.fingerprint();
    }

    /** A grant body (not yet signed), with this key as granter. */
    public PolicyBody.Builder grantBody(String grantId, UserKey grantee, Privilege privilege, Scope scope,
                                        Instant notBefore, Instant expires, Instant issuedAt) {
        return base(issuedAt).setGrant(GrantObject.newBuilder().setGrantId(grantId).setGranteeKey(grantee.raw())
                .setPrivilege(TrustCodec.wire(privilege)).setScope(TrustCodec.wire(scope))
                .setNotBeforeMs(notBefore.toEpochMilli()).setExpiresMs(expires.toEpochMilli()));
    }

    public PolicyBody.Builder acceptBody(ByteString grantHash, boolean decline, Instant issuedAt) {
        return base(issuedAt).setAccept(AcceptObject.newBuilder().setGrantHash(grantHash).setDecline(decline));
    }

    public PolicyBody.Builder revokeBody(String grantId, Instant issuedAt) {
        return base(issuedAt).setRevoke(RevokeObject.newBuilder().setGrantId(grantId));
    }

    /** Signs {@code body} exactly as given (whatever signer_key it names). */
    public SignedPolicyObject sign(PolicyBody body) {
        ByteString bytes = body.toByteString();
        return SignedPolicyObject.newBuilder().setBody(bytes).setSignature(ByteString.copyFrom(sign(bytes.toByteArray()))).build();
    }

    /** The hash an accept names for {@code grant}. */
    public static ByteString hashOf(SignedPolicyObject grant) {
        return PolicyObjects.hash(grant.getBody());
    }

    /**
     * A user-signed command body (schema_version 3) for {@code device} (may be empty), issued at
     * {@code issuedAt}, valid for {@code validity}, with {@code counter} and a random id and nonce.
     */
    public CommandBody.Builder commandBody(String device, long counter, Instant issuedAt, Duration validity, SecureRandom random) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        byte[] id = new byte[8];
        random.nextBytes(id);
        return CommandBody.newBuilder().setSchemaVersion(CommandDecoder.USER_SCHEMA_VERSION)
                .setRequestId(HexFormat.of().formatHex(id)).setUser(fingerprint()).setHome(home).setGateway(gateway)
                .setDevice(device).setIssuedAtMs(issuedAt.toEpochMilli()).setExpiresAtMs(issuedAt.plus(validity).toEpochMilli())
                .setNonce(ByteString.copyFrom(nonce)).setSignerKey(publicKey.raw()).setCounter(counter);
    }

    /** Signs {@code body} exactly as given, in the envelope of a user-signed command. */
    public SignedCommand sign(CommandBody body) {
        ByteString bytes = body.toByteString();
        return SignedCommand.newBuilder().setBody(bytes).setSignature(ByteString.copyFrom(sign(bytes.toByteArray())))
                .setKeyId(CommandDecoder.USER_KEY_ID).build();
    }

    private PolicyBody.Builder base(Instant issuedAt) {
        return PolicyBody.newBuilder().setSchemaVersion(PolicyObjects.SCHEMA_VERSION).setHome(home).setGateway(gateway)
                .setSignerKey(publicKey.raw()).setIssuedAtMs(issuedAt.toEpochMilli());
    }

    private byte[] sign(byte[] message) {
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, key);
        s.update(message, 0, message.length);
        return s.generateSignature();
    }

    /** The private key's 32 seed bytes, for the one place that stores them (the user's key file). */
    public byte[] revealSeed() {
        return key.getEncoded();
    }

    @Override
    public String toString() {
        return "UserSigner[" + fingerprint() + "]";
    }
}
