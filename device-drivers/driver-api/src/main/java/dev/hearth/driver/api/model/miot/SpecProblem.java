package dev.hearth.driver.api.model.miot;

import java.util.Objects;

/** What is wrong with a spec document, and where: {@code path} is JSON-path-like, {@code $.services[2].properties[0].format}. */
public record SpecProblem(String path, String message) {
    public SpecProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() { return path + ": " + message; }
}
