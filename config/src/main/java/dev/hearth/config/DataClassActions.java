package dev.hearth.config;

import java.util.Objects;

/**
 * The privacy filter's action per data class. SECRET has no entry: secret data never leaves the home.
 */
public record DataClassActions(PrivacyAction telemetry, PrivacyAction diagnostic, PrivacyAction personal) {
    public DataClassActions {
        Objects.requireNonNull(telemetry, "telemetry");
        Objects.requireNonNull(diagnostic, "diagnostic");
        Objects.requireNonNull(personal, "personal");
    }

    /** telemetry: keep, diagnostic: keep (still subject to UX-programme consent), personal: drop. */
    public static DataClassActions defaults() {
        return new DataClassActions(PrivacyAction.KEEP, PrivacyAction.KEEP, PrivacyAction.DROP);
    }
}
