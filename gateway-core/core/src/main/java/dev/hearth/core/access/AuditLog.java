package dev.hearth.core.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.config.AuditLogConfig;
import dev.hearth.config.OwnerOnly;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log: one JSON line per access decision, allowed or denied, in
 * {@code <dataDir>/audit.log}. User ids go through the injected pseudonymiser and human reasons
 * are not written (they contain raw ids and room names): the reason code and the structured parts
 * are. The file is rotated by size and age ({@link AuditLogConfig}: {@code audit.log.1} is the
 * newest rotated file, the oldest beyond {@code maxFiles} is deleted), so it has a bound.
 * {@link #entries}, {@link #anonymiseUser} and {@link #anonymiseBefore} stream the files line by
 * line, oldest first: neither an export nor retention holds the whole log in memory.
 */
public final class AuditLog implements AutoCloseable {
    public static final String FILE_NAME = "audit.log";
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final Path file;
    private final UnaryOperator<String> pseudonymiser;
    private final AuditLogConfig limits;
    private final ObjectMapper json = new ObjectMapper();
    private BufferedWriter out;
    private long size;
    /** When the current file's first entry was written; empty while it has none. */
    private Optional<Instant> since;
    private long failures;

    /** What a rewrite did: entries kept, of which anonymised, and unreadable lines dropped. */
    public record Rewrite(int entries, int anonymised, int malformedDropped) {
    }

    public AuditLog(Path dataDir, UnaryOperator<String> pseudonymiser) {
        this(dataDir, pseudonymiser, AuditLogConfig.DEFAULTS);
    }

    public AuditLog(Path dataDir, UnaryOperator<String> pseudonymiser, AuditLogConfig limits) {
        this.file = dataDir.resolve(FILE_NAME);
        this.pseudonymiser = Objects.requireNonNull(pseudonymiser, "pseudonymiser");
        this.limits = Objects.requireNonNull(limits, "limits");
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
        return write(entry(d, at), at);
    }

    /**
     * Appends an owner's privacy decision that is not an access check: allowing an undeclared
     * field of {@code model} out as {@code outcome} (or keeping it home). {@code user} is pseudonymised.
     */
    public synchronized boolean recordPrivacyReview(String user, String model, String field, String outcome, Instant at) {
        return write(new AuditEntry(at.toString(), pseudonym(user), "review_unknown_field", "OWNER",
                "unknown-field:" + model + "/" + field, "ALLOW", outcome, "OWNER", "owner"), at);
    }

    private boolean write(AuditEntry entry, Instant at) {
        try {
            if (dueForRotation(at)) rotate();
            String line = json.writeValueAsString(entry);
            out.write(line);
            out.newLine();
            out.flush();
            size += line.getBytes(StandardCharsets.UTF_8).length + 1;
            if (since.isEmpty()) since = Optional.of(at);
            return true;
        } catch (IOException e) {
            failures++;
            LOG.warn("audit line not written ({} failures so far): {}", failures, e.getMessage());
            return false;
        }
    }

    private boolean dueForRotation(Instant now) {
        if (size >= limits.maxFileSize().bytes()) return true;
        return since.isPresent() && !Duration.between(since.get(), now).minus(limits.maxFileAge()).isNegative();
    }

    /** audit.log becomes audit.log.1, each audit.log.k becomes k+1, the one past maxFiles goes. */
    private void rotate() throws IOException {
        out.close();
        Files.deleteIfExists(rotated(limits.maxFiles()));
        for (int k = limits.maxFiles() - 1; k >= 1; k--) {
            if (Files.exists(rotated(k))) Files.move(rotated(k), rotated(k + 1), StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(file, rotated(1), StandardCopyOption.ATOMIC_MOVE);
        out = openForAppend();
    }

    private Path rotated(int k) {
        return file.resolveSibling(FILE_NAME + "." + k);
    }

    /** Every file of the log, oldest first: the rotated ones (highest number first), then the current one. */
    private List<Path> files() {
        List<Path> all = new ArrayList<>();
        for (int k = limits.maxFiles() + 1; k >= 1; k--) {
            if (Files.exists(rotated(k))) all.add(rotated(k));
        }
        if (Files.exists(file)) all.add(file);
        return all;
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

    /** The readable entries matching {@code which}, oldest first; the log is read line by line, only matches are kept. */
    public synchronized List<AuditEntry> entries(Predicate<AuditEntry> which) {
        List<AuditEntry> entries = new ArrayList<>();
        for (Path f : files()) {
            try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    parse(line).filter(which).ifPresent(entries::add);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the audit log " + f, e);
            }
        }
        return entries;
    }

    /** Every readable entry, oldest first (for tests and small logs: the export asks {@link #entries} for one user's). */
    public List<AuditEntry> read() {
        return entries(e -> true);
    }

    private Optional<AuditEntry> parse(String line) {
        try {
            return Optional.of(json.readValue(line, AuditEntry.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty(); // a torn last line after a crash: skipped when reading
        }
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
     * Rewrites every file of the log with the entries matching {@code which} anonymised, each
     * atomically (a temporary file moved over it), streaming line by line. Unreadable lines are
     * dropped: nobody can tell whose they are.
     */
    public synchronized Rewrite rewrite(Predicate<AuditEntry> which) {
        Path tmp = file.resolveSibling(FILE_NAME + ".rewrite");
        int entries = 0;
        int anonymised = 0;
        int malformed = 0;
        try {
            out.close();
            for (Path f : files()) {
                OwnerOnly.createFileIfMissing(tmp);
                try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8);
                     BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        Optional<AuditEntry> parsed = parse(line);
                        if (parsed.isEmpty()) {
                            malformed++;
                            continue;
                        }
                        AuditEntry e = parsed.get();
                        if (which.test(e)) {
                            e = e.anonymised();
                            anonymised++;
                        }
                        w.write(json.writeValueAsString(e));
                        w.newLine();
                        entries++;
                    }
                }
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
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

    /** Opens the current file for appending and learns its size and the time of its first entry. */
    private BufferedWriter openForAppend() throws IOException {
        OwnerOnly.createFileIfMissing(file);
        size = Files.size(file);
        since = Optional.empty();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first != null) {
                since = parse(first).map(e -> {
                    try {
                        return Instant.parse(e.time());
                    } catch (DateTimeParseException bad) {
                        return null;
                    }
                });
            }
        }
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
