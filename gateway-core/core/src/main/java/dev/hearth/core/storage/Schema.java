package dev.hearth.core.storage;

import java.util.List;
import java.util.Objects;

/**
 * One store's tables, as the migrations that build them (DESIGN.md section 8). Migration {@code i}
 * (0-based) takes {@code component} to version {@code i + 1}; never edit a released migration,
 * append one. Every schema is applied by {@link Database#open} before any store is used.
 */
public record Schema(String component, List<List<String>> migrations) {
    public Schema {
        Objects.requireNonNull(component, "component");
        if (component.isBlank()) throw new IllegalArgumentException("component must not be blank");
        migrations = migrations.stream().map(List::copyOf).toList();
        if (migrations.isEmpty()) throw new IllegalArgumentException(component + ": a schema needs a migration");
    }
}
