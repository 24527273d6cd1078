package dev.hearth.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration: where ({@code cloud.broker}, {@code devices[1].address}, or
 * the file's path for problems with the whole file) and why, in words for a person. Never contains a
 * secret's value.
 */
public record ConfigProblem(String path, String message) {
    public ConfigProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** {@code path: message}, the form the CLI prints. */
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
