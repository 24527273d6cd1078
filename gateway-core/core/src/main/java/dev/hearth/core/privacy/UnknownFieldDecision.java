package dev.hearth.core.privacy;

import dev.hearth.driver.api.model.DataClass;
import java.util.Locale;
import java.util.Optional;

/** The owner's answer for one undeclared field of one model. */
public enum UnknownFieldDecision {
    /** Let it out as device state. */
    TELEMETRY,
    /** Let it out as a usage statistic: only while the home is in the UX programme. */
    DIAGNOSTIC,
    /** Reviewed, and it keeps staying home. */
    KEEP_DROPPING;

    /** The class the field is allowed as, if it is. */
    public Optional<DataClass> allowedAs() {
        return switch (this) {
            case TELEMETRY -> Optional.of(DataClass.TELEMETRY);
            case DIAGNOSTIC -> Optional.of(DataClass.DIAGNOSTIC);
            case KEEP_DROPPING -> Optional.empty();
        };
    }

    /** {@code TELEMETRY}, {@code DIAGNOSTIC} or {@code keep-dropping}, any case; empty for anything else. */
    public static Optional<UnknownFieldDecision> parse(String s) {
        return switch (s.strip().toUpperCase(Locale.ROOT).replace('-', '_')) {
            case "TELEMETRY" -> Optional.of(TELEMETRY);
            case "DIAGNOSTIC" -> Optional.of(DIAGNOSTIC);
            case "KEEP_DROPPING" -> Optional.of(KEEP_DROPPING);
            default -> Optional.empty();
        };
    }

    /** How the API writes it: {@code TELEMETRY}, {@code DIAGNOSTIC}, {@code keep-dropping}. */
    public String label() {
        return this == KEEP_DROPPING ? "keep-dropping" : name();
    }
}
