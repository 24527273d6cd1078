package dev.hearth.core.cloud.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Command-signing key files: the private key as PKCS#8 PEM, readable by its owner only; the public
 * key as base64 X.509 SubjectPublicKeyInfo, the form the gateway's trusted keys take.
 */
public final class Ed25519KeyFiles {
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private Ed25519KeyFiles() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no Ed25519", e);
        }
    }

    public static String publicKeyBase64(KeyPair pair) {
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    /** Writes the private key to a new file (mode 0600); refuses to overwrite. */
    public static void writePrivateKey(KeyPair pair, Path file) throws IOException {
        String pem = BEGIN + "\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded()) + "\n" + END + "\n";
        if (Files.exists(file)) throw new FileAlreadyExistsException(file.toString(), null, "will not overwrite a key");
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, pem, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** @throws IllegalArgumentException when the file holds no Ed25519 PKCS#8 PEM key (without echoing it) */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        if (b < 0 || e < b) throw new IllegalArgumentException(file + " is not a PEM private key (PKCS#8, \"" + BEGIN + "\")");
        try {
            byte[] der = Base64.getMimeDecoder().decode(text.substring(b + BEGIN.length(), e));
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException ex) {
            throw new IllegalArgumentException(file + " does not hold an Ed25519 private key", ex);
        }
    }
}
