package dev.hearth.config;

import java.security.PublicKey;
import java.util.Objects;

/** An Ed25519 public key allowed to sign commands, named by the key id commands carry. */
public record TrustedKey(String id, PublicKey publicKey) {
    public TrustedKey {
        Checks.notBlank(id, "key id");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    @Override
    public String toString() {
        return "TrustedKey[id=" + id + ", " + publicKey.getAlgorithm() + "]";
    }
}
