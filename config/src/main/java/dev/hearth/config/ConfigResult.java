package dev.hearth.config;

import java.util.List;
import java.util.Objects;

/** The outcome of loading a configuration: a valid model, or every problem found. */
public sealed interface ConfigResult {

    record Valid(HearthConfig config) implements ConfigResult {
        public Valid {
            Objects.requireNonNull(config, "config");
        }
    }

    record Invalid(List<ConfigProblem> problems) implements ConfigResult {
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) throw new IllegalArgumentException("an invalid result needs at least one problem");
        }
    }
}
