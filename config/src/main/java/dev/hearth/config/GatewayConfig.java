package dev.hearth.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * This gateway.
 *
 * @param id          the gateway's id, a topic level under {@code <topicPrefix>/<home>/}
 * @param dataDir     where the database lives; loaded configs resolve it against the config file's directory
 * @param secretsFile the owner-only secrets file; default {@code <dataDir>/secrets.yaml}
 * @param auditLog    how the audit log in the data directory is rotated
 */
public record GatewayConfig(String id, Path dataDir, Path secretsFile, AuditLogConfig auditLog) {
    public static final Path DEFAULT_DATA_DIR = Path.of("./data");
    public static final String DEFAULT_SECRETS_FILE = "secrets.yaml";

    public GatewayConfig {
        Checks.id(id, "gateway.id");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(secretsFile, "secretsFile");
        Objects.requireNonNull(auditLog, "auditLog");
    }

    public GatewayConfig(String id, Path dataDir, Path secretsFile) {
        this(id, dataDir, secretsFile, AuditLogConfig.DEFAULTS);
    }

    public static GatewayConfig defaults(String id) {
        return new GatewayConfig(id, DEFAULT_DATA_DIR, DEFAULT_DATA_DIR.resolve(DEFAULT_SECRETS_FILE));
    }
}
