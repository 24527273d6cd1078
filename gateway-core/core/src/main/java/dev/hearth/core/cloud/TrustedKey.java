package dev.hearth.core.cloud;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

/**
 * A public key allowed to sign commands, named by {@code keyId} (the {@code key_id} of a
 * SignedCommand). {@code publicKeyBase64} is an Ed25519 X.509 SubjectPublicKeyInfo, base64.
 */
public record TrustedKey(String keyId, String publicKeyBase64) {
    public TrustedKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(publicKeyBase64, "publicKeyBase64");
        if (keyId.isEmpty() || keyId.length() > 64) throw new IllegalArgumentException("key id must be 1-64 characters");
        publicKey(keyId, publicKeyBase64);
    }

    /** The decoded key (validated at construction, so this does not fail). */
    public PublicKey publicKey() {
        return publicKey(keyId, publicKeyBase64);
    }

    private static PublicKey publicKey(String keyId, String base64) {
        try {
            byte[] der = Base64.getDecoder().decode(base64.strip());
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (IllegalArgumentException | InvalidKeySpecException e) {
            throw new IllegalArgumentException("key \"" + keyId
                    + "\" is not a base64 Ed25519 public key (X.509 SubjectPublicKeyInfo): " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no Ed25519", e);
        }
    }
}
