package dev.hearth.core.cloud.command;

import java.io.IOException;
import java.security.PublicKey;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Checks Ed25519 signatures (RFC 8032, pure Ed25519) for one public key, with Bouncy Castle's
 * implementation: every command is verified on its way to a device, and Java 17's own Ed25519
 * takes 675 µs per verification on the 2-core reference machine against 83 µs for Bouncy Castle's
 * ({@code ./hearth bench jmh Ed25519VerifyBench}; the key's point is decoded once, here). Signatures made by either verify with the other. Thread-safe.
 */
final class Ed25519Verifier {
    private final Ed25519PublicKeyParameters key;

    private Ed25519Verifier(Ed25519PublicKeyParameters key) {
        this.key = key;
    }

    /** A verifier for {@code key}, an Ed25519 public key (as from {@code KeyFactory.getInstance("Ed25519")}). */
    static Ed25519Verifier of(PublicKey key) {
        AsymmetricKeyParameter p;
        try {
            p = PublicKeyFactory.createKey(key.getEncoded());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
        if (!(p instanceof Ed25519PublicKeyParameters ed)) throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
        return new Ed25519Verifier(ed);
    }

    /** True when {@code signature} is this key's signature of {@code message}; false for any other bytes. */
    boolean verifies(byte[] message, byte[] signature) {
        if (signature.length != Ed25519PublicKeyParameters.KEY_SIZE * 2) return false;
        Ed25519Signer s = new Ed25519Signer();
        s.init(false, key);
        s.update(message, 0, message.length);
        return s.verifySignature(signature);
    }
}
