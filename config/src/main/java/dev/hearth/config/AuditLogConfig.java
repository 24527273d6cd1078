package dev.hearth.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the audit log ({@code <dataDir>/audit.log}) is rotated: the current file is renamed to
 * {@code audit.log.1} (the older ones shifting up) once it holds {@code maxFileSize} or its first
 * entry is {@code maxFileAge} old; at most {@code maxFiles} rotated files are kept, the oldest
 * deleted. So the log never holds more than about {@code (maxFiles + 1) x maxFileSize}.
 *
 * @param maxFileSize rotate when the current file reaches this size
 * @param maxFileAge  rotate when the current file's first entry is this old
 * @param maxFiles    rotated files kept (1 to 100)
 */
public record AuditLogConfig(DataSize maxFileSize, Duration maxFileAge, int maxFiles) {
    public static final AuditLogConfig DEFAULTS = new AuditLogConfig(DataSize.ofMegabytes(8), Duration.ofDays(7), 8);

    public AuditLogConfig {
        Objects.requireNonNull(maxFileSize, "maxFileSize");
        Objects.requireNonNull(maxFileAge, "maxFileAge");
        if (maxFileSize.bytes() < 1024) throw new IllegalArgumentException("gateway.auditLog.maxFileSize must be at least 1KB");
        if (maxFileAge.compareTo(Duration.ofMinutes(1)) < 0) throw new IllegalArgumentException("gateway.auditLog.maxFileAge must be at least 1m");
        if (maxFiles < 1 || maxFiles > 100) throw new IllegalArgumentException("gateway.auditLog.maxFiles must be 1 to 100");
    }
}
