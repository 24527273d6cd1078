package dev.hearth.core.privacy;

import java.time.Instant;
import java.util.Objects;

/** One recorded change of consent: who changed what about whom, and when. */
public record ConsentChange(Instant at, String actor, String subject, Kind kind) {

    public enum Kind { UX_PROGRAMME_JOINED, UX_PROGRAMME_LEFT, WITHDRAWN }

    /** The subject of a home-wide change. */
    public static final String HOME = "home";

    public ConsentChange {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
    }
}
