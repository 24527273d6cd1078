package dev.hearth.tools.ctl;

import dev.hearth.config.OwnerOnly;
import dev.hearth.core.trust.UserSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Users' own keys on this machine, standing in for the key a phone keeps: {@code NAME.key} in the
 * users directory ({@code $XDG_CONFIG_HOME/hearth/users}, default {@code ~/.config/hearth/users}),
 * owner-only, holding the Ed25519 seed in base64. Never overwritten.
 */
final class UserKeyFiles {
    private UserKeyFiles() {
    }

    static Path defaultDir() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("hearth").resolve("users");
    }

    static Path file(Path dir, String name) {
        if (!name.matches("[A-Za-z0-9_-]{1,64}")) throw new IllegalArgumentException("a user name is 1 to 64 letters, digits, '-' or '_'");
        return dir.resolve(name + ".key");
    }

    static UserSigner create(Path dir, String name, String home, String gateway) throws IOException {
        Path f = file(dir, name);
        if (Files.exists(f)) throw new FileAlreadyExistsException(f.toString(), null, "will not overwrite a user key");
        OwnerOnly.createDirectories(dir);
        UserSigner signer = UserSigner.generate(new SecureRandom(), home, gateway);
        OwnerOnly.createFile(f);
        Files.writeString(f, Base64.getEncoder().encodeToString(signer.revealSeed()) + "\n", StandardCharsets.US_ASCII,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        return signer;
    }

    /** {@code name}'s key, if this machine holds it. */
    static Optional<UserSigner> read(Path dir, String name, String home, String gateway) throws IOException {
        Path f;
        try {
            f = file(dir, name);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!Files.exists(f)) return Optional.empty();
        byte[] seed;
        try {
            seed = Base64.getDecoder().decode(Files.readString(f, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new IOException(f + " does not hold a user key");
        }
        if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) throw new IOException(f + " does not hold a user key");
        return Optional.of(new UserSigner(new Ed25519PrivateKeyParameters(seed, 0), home, gateway));
    }
}
