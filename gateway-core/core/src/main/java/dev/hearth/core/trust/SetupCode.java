package dev.hearth.core.trust;

import dev.hearth.config.OwnerOnly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * The one-time setup code that authorises the first owner enrolment over the local API besides the
 * API token (DESIGN.md section 6): made at first start into the data directory (owner-only file
 * {@value #FILE_NAME}; the start log names the file, never the code), spent by one successful
 * enrolment. {@link #toString()} never shows it.
 */
public final class SetupCode {
    public static final String FILE_NAME = "setup-code";
    private static final String SPENT = "spent";
    private static final char[] ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();

    private final Path file;
    private volatile String code;

    private SetupCode(Path file, String code) {
        this.file = file;
        this.code = code;
    }

    public static SetupCode loadOrCreate(Path dataDir, SecureRandom random) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                if (i > 0 && i % 4 == 0) b.append('-');
                b.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            try {
                OwnerOnly.createFile(file);
                Files.writeString(file, b + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException raced) {
                // another process made it first
            }
        }
        return new SetupCode(file, Files.readString(file, StandardCharsets.US_ASCII).strip());
    }

    /** Whether the code can still be used. */
    public boolean unused() {
        return !code.equals(SPENT);
    }

    /** Where the code is, for the start log. */
    public Path file() {
        return file;
    }

    /** Spends the code if {@code presented} is it (constant-time compare); true when it was. */
    public synchronized boolean spend(String presented) throws IOException {
        if (!unused() || presented == null) return false;
        if (!MessageDigest.isEqual(code.getBytes(StandardCharsets.US_ASCII), presented.strip().getBytes(StandardCharsets.US_ASCII))) return false;
        Files.writeString(file, SPENT + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        code = SPENT;
        return true;
    }

    /** The code, for the one place that shows it to the person at the gateway (the local page, the CLI). */
    public String reveal() {
        return code;
    }

    @Override
    public String toString() {
        return "SetupCode[redacted]";
    }
}
