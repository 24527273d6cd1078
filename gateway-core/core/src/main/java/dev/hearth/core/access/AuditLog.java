package dev.hearth.core.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.config.OwnerOnly;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log: one JSON line per access decision, allowed or denied, in
 * {@code <dataDir>/audit.log}. User ids go through the injected pseudonymiser and human reasons
 * are not written (they contain raw ids and room names): the reason code and the structured parts
 * are. {@link #anonymiseUser} and {@link #anonymiseBefore} rewrite the file for erasure requests
 * and retention.
 */
public final class AuditLog implements AutoCloseable {
    public static final String FILE_NAME = "audit.log";
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final Path file;
    private final UnaryOperator<String> pseudonymiser;
    private final ObjectMapper json = new ObjectMapper();
    private BufferedWriter out;
    private long failures;

    /** What a rewrite did: entries kept, of which anonymised, and unreadable lines dropped. */
    public record Rewrite(int entries, int anonymised, int malformedDropped) {
    }

    public AuditLog(Path dataDir, UnaryOperator<String> pseudonymiser) {
        this.file = dataDir.resolve(FILE_NAME);
        this.pseudonymiser = Objects.requireNonNull(pseudonymiser, "pseudonymiser");
        try {
            OwnerOnly.createDirectories(dataDir);
            this.out = openForAppend();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log " + file, e);
        }
    }

    /**
     * Appends the decision made at {@code at}. Returns false (and counts a failure) when the line
     * cannot be written: losing an audit line must not turn into a crash of the caller.
     */
    public synchronized boolean record(Decision d, Instant at) {
        return write(entry(d, at));
    }

    /**
     * Appends an owner's privacy decision that is not an access check: allowing an undeclared
     * field of {@code model} out as {@code outcome} (or keeping it home). {@code user} is pseudonymised.
     */
    public synchronized boolean recordPrivacyReview(String user, String model, String field, String outcome, Instant at) {
        return write(new AuditEntry(at.toString(), pseudonym(user), "review_unknown_field", "OWNER",
                "unknown-field:" + model + "/" + field, "ALLOW", outcome, "OWNER", "owner"));
    }

    private boolean write(AuditEntry entry) {
        try {
            out.write(json.writeValueAsString(entry));
            out.newLine();
            out.flush();
            return true;
        } catch (IOException e) {
            failures++;
            LOG.warn("audit line not written ({} failures so far): {}", failures, e.getMessage());
            return false;
        }
    }

    /** How many lines could not be written since start. */
    public synchronized long failures() {
        return failures;
    }

    /** The entry that {@link #record} writes for {@code d}. */
    public AuditEntry entry(Decision d, Instant at) {
        String via = d.grant().map(g -> g.via().map(id -> "share:" + id + " on " + g.scope().key()).orElse("owner"))
                .orElse("none");
        return new AuditEntry(at.toString(), pseudonym(d.user()), d.operation().kind().label(),
                d.operation().required().name(), d.target().key(), d.allowed() ? "ALLOW" : "DENY", d.code().name(),
                d.held().map(Enum::name).orElse("none"), via);
    }

    /** Every readable entry, oldest first. */
    public synchronized List<AuditEntry> read() {
        List<AuditEntry> entries = new ArrayList<>();
        for (String line : lines()) {
            try {
                entries.add(json.readValue(line, AuditEntry.class));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                // a torn last line after a crash: skip it when reading
            }
        }
        return entries;
    }

    /** Anonymises every entry about {@code userId} (a raw id: it is pseudonymised to match). */
    public Rewrite anonymiseUser(String userId) {
        String p = pseudonym(userId);
        return rewrite(e -> e.user().equals(p));
    }

    /** Anonymises every entry older than {@code cutoff} (retention). */
    public Rewrite anonymiseBefore(Instant cutoff) {
        return rewrite(e -> Instant.parse(e.time()).isBefore(cutoff));
    }

    /**
     * Rewrites the file with the entries matching {@code which} anonymised, atomically (a temporary
     * file moved over the log). Unreadable lines are dropped: nobody can tell whose they are.
     */
    public synchronized Rewrite rewrite(Predicate<AuditEntry> which) {
        Path tmp = file.resolveSibling(FILE_NAME + ".rewrite");
        int entries = 0;
        int anonymised = 0;
        int malformed = 0;
        try {
            out.close();
            OwnerOnly.createFileIfMissing(tmp);
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (String line : lines()) {
                    AuditEntry e;
                    try {
                        e = json.readValue(line, AuditEntry.class);
                    } catch (JsonProcessingException | IllegalArgumentException bad) {
                        malformed++;
                        continue;
                    }
                    if (which.test(e)) {
                        e = e.anonymised();
                        anonymised++;
                    }
                    w.write(json.writeValueAsString(e));
                    w.newLine();
                    entries++;
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Rewrite(entries, anonymised, malformed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite the audit log " + file, e);
        } finally {
            try {
                out = openForAppend();
            } catch (IOException e) {
                LOG.warn("cannot reopen the audit log {}: {}", file, e.getMessage());
            }
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the audit log " + file, e);
        }
    }

    private String pseudonym(String user) {
        return Objects.requireNonNull(pseudonymiser.apply(user), "the pseudonymiser returned null");
    }

    private List<String> lines() {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + file, e);
        }
    }

    private BufferedWriter openForAppend() throws IOException {
        OwnerOnly.createFileIfMissing(file);
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
