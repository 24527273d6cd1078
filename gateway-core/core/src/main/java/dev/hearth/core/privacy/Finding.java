package dev.hearth.core.privacy;

import java.util.Objects;

/**
 * Personal data found in a field. {@code path} locates it: the field key, then {@code .child}
 * for struct fields and {@code [i]} for array items. The finding never carries the value itself,
 * so findings can be logged and counted.
 */
public record Finding(PiiCategory category, String path) {
    public Finding {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(path, "path");
    }
}
