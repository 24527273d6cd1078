package dev.hearth.config;

import java.util.List;
import java.util.Objects;

/** The outcome of loading the secrets file: its secrets, or why it was refused. */
public sealed interface SecretsResult {

    record Loaded(SecretsFile secrets) implements SecretsResult {
        public Loaded {
            Objects.requireNonNull(secrets, "secrets");
        }
    }

    record Refused(List<ConfigProblem> problems) implements SecretsResult {
        public Refused {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) throw new IllegalArgumentException("a refusal needs at least one problem");
        }
    }
}
