package dev.hearth.core.http;

import dev.hearth.config.OwnerOnly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The local API's bearer token: generated on first start into the data directory with owner-only
 * permissions, then read from there. {@link #toString()} never shows it.
 */
public final class ApiToken {
    public static final String FILE_NAME = "api-token";
    private final byte[] value;

    private ApiToken(String value) {
        this.value = value.getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads the token from {@code dataDir}, creating it (owner-only) on first start. */
    public static ApiToken loadOrCreate(Path dataDir, SecureRandom random) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            OwnerOnly.createDirectories(dataDir);
            byte[] raw = new byte[32];
            random.nextBytes(raw);
            try {
                OwnerOnly.createFile(file);
                Files.writeString(file, HexFormat.of().formatHex(raw) + "\n", StandardCharsets.US_ASCII,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException raced) {
                // another process created it first: use theirs
            }
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (text.length() < 32) throw new IOException(file + " does not hold a valid API token; delete it to make a new one");
        return new ApiToken(text);
    }

    /** Whether an {@code Authorization} header value carries this token (constant-time compare). */
    public boolean matchesHeader(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return false;
        byte[] presented = authorization.substring(7).strip().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(value, presented);
    }

    /** The token text, for the one place that must show it to its owner (the demo, the CLI). */
    public String reveal() {
        return new String(value, StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "ApiToken[redacted]";
    }
}
