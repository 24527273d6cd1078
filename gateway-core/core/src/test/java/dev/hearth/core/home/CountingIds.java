package dev.hearth.core.home;

import java.util.function.Supplier;

/** Predictable ids for tests: prefix + 1, 2, 3... */
public final class CountingIds implements Supplier<String> {
    private final String prefix;
    private int next;

    public CountingIds(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public synchronized String get() {
        return prefix + (++next);
    }
}
