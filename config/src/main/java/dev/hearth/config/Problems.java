package dev.hearth.config;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while a config is read, so that every one is reported, not just the first. */
final class Problems {
    private final List<ConfigProblem> problems = new ArrayList<>();

    void add(String path, String message) {
        problems.add(new ConfigProblem(path, message));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Whether a problem was already reported at this path or below it. */
    boolean reportedAtOrBelow(String path) {
        return problems.stream().anyMatch(p -> p.path().equals(path) || p.path().startsWith(path + ".")
                || p.path().startsWith(path + "["));
    }

    List<ConfigProblem> all() {
        return List.copyOf(problems);
    }
}
