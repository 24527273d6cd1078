package dev.hearth.core.cloud.command;

import java.util.Objects;

/** An authorization decision, with its reason when refused (for the reply and the audit log). */
public sealed interface Authorization {

    record Allowed() implements Authorization { }

    /**
     * @param reasonCode machine-readable, e.g. {@code "needs_operate"}
     * @param message for people, e.g. {@code "user u2 has VIEW on room bedroom; set_properties needs OPERATE"}
     */
    record Denied(String reasonCode, String message) implements Authorization {
        public Denied {
            Objects.requireNonNull(reasonCode, "reasonCode");
            Objects.requireNonNull(message, "message");
        }
    }

    static Authorization allowed() {
        return new Allowed();
    }
}
