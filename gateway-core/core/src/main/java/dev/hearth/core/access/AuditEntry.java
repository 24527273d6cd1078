package dev.hearth.core.access;

import java.util.Objects;

/**
 * One line of the audit log. It holds no raw user id and no names: {@code user} is pseudonymised,
 * {@code target} and {@code via} are ids ({@code via} is {@code owner}, {@code share:<id> on
 * <scope>}, or {@code none}); {@code held} is a privilege name or {@code none}.
 */
public record AuditEntry(String time, String user, String operation, String required, String target,
                         String decision, String code, String held, String via) {
    public AuditEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(required, "required");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(held, "held");
        Objects.requireNonNull(via, "via");
    }

    /** The user id that replaces a pseudonym when an entry is anonymised. */
    public static final String ANONYMOUS = "anonymous";

    /** This entry with no link left to a person: anonymous user, share ids dropped. */
    public AuditEntry anonymised() {
        String v = via.startsWith("share:") ? "share" : via;
        return new AuditEntry(time, ANONYMOUS, operation, required, target, decision, code, held, v);
    }
}
