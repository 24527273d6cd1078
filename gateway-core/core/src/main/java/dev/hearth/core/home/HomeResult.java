package dev.hearth.core.home;

import java.util.Objects;

/** The outcome of a change to the home itself: done, or refused with a reason. */
public sealed interface HomeResult {

    enum Refusal { NOT_OWNER, INVALID_USER }

    record Done(Home home) implements HomeResult {
        public Done {
            Objects.requireNonNull(home, "home");
        }
    }

    record Refused(Refusal code, String reason) implements HomeResult {
        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
        }
    }

    default boolean isDone() {
        return this instanceof Done;
    }
}
