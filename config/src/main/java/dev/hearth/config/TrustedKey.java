package dev.hearth.config;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

/**
 * An Ed25519 public key allowed to sign commands, named by the key id commands carry (the
 * {@code key_id} of a SignedCommand, 1-64 characters).
 */
public record TrustedKey(String id, PublicKey publicKey) {
    /** The longest key id a command may carry. */
    public static final int MAX_ID_LENGTH = 64;

    public TrustedKey {
        Checks.notBlank(id, "key id");
        if (id.length() > MAX_ID_LENGTH) throw new IllegalArgumentException("key id must be 1-" + MAX_ID_LENGTH + " characters");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    /** The key {@code id} from base64 of an Ed25519 X.509 SubjectPublicKeyInfo. */
    public static TrustedKey ofBase64(String id, String base64) {
        Objects.requireNonNull(base64, "base64");
        try {
            byte[] der = Base64.getDecoder().decode(base64.strip());
            return new TrustedKey(id, KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
        } catch (IllegalArgumentException | InvalidKeySpecException e) {
            throw new IllegalArgumentException("key \"" + id
                    + "\" is not a base64 Ed25519 public key (X.509 SubjectPublicKeyInfo): " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no Ed25519", e);
        }
    }

    @Override
    public String toString() {
        return "TrustedKey[id=" + id + ", " + publicKey.getAlgorithm() + "]";
    }
}
