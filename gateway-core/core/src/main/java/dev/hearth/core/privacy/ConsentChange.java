package dev.hearth.core.privacy;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded change of consent or rights request: who asked what about whom, when, and what came
 * of it ({@code result}: empty for consent changes recorded before requests had results).
 */
public record ConsentChange(Instant at, String actor, String subject, Kind kind, String result) {

    public enum Kind { UX_PROGRAMME_JOINED, UX_PROGRAMME_LEFT, WITHDRAWN, EXPORTED, ERASED }

    /** The subject of a home-wide change. */
    public static final String HOME = "home";

    public ConsentChange {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(result, "result");
    }

    public ConsentChange(Instant at, String actor, String subject, Kind kind) {
        this(at, actor, subject, kind, "");
    }
}
