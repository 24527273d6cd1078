package dev.hearth.core.trust;

import com.google.protobuf.ByteString;
import dev.hearth.config.OwnerOnly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The gateway's own Ed25519 key that signs its policy log entries: made on first start into the
 * data directory (owner-only), then read from there. The public half goes in the registry topic's
 * log head, so a phone can check the entries it is shown. {@link #toString()} never shows the key.
 */
public final class GatewayLogKey {
    public static final String FILE_NAME = "policy-log.key";
    private final Ed25519PrivateKeyParameters key;
    private final UserKey publicKey;

    private GatewayLogKey(Ed25519PrivateKeyParameters key) {
        this.key = key;
        this.publicKey = UserKey.require(ByteString.copyFrom(key.generatePublicKey().getEncoded()));
    }

    /** A key held only in memory (tests, benchmarks). */
    public static GatewayLogKey generate(SecureRandom random) {
        return new GatewayLogKey(new Ed25519PrivateKeyParameters(random));
    }

    public static GatewayLogKey loadOrCreate(Path dataDir, SecureRandom random) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            Ed25519PrivateKeyParameters fresh = new Ed25519PrivateKeyParameters(random);
            try {
                OwnerOnly.createFile(file);
                Files.writeString(file, Base64.getEncoder().encodeToString(fresh.getEncoded()) + "\n", StandardCharsets.US_ASCII,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException raced) {
                // another process made it first: use theirs
            }
        }
        try {
            byte[] seed = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) throw new IllegalArgumentException("wrong length");
            return new GatewayLogKey(new Ed25519PrivateKeyParameters(seed, 0));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " does not hold the gateway's policy log key");
        }
    }

    public UserKey publicKey() {
        return publicKey;
    }

    byte[] sign(byte[] message) {
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, key);
        s.update(message, 0, message.length);
        return s.generateSignature();
    }

    @Override
    public String toString() {
        return "GatewayLogKey[" + publicKey.fingerprint() + ", private half redacted]";
    }
}
