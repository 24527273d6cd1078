package dev.hearth.core.privacy;

import java.util.Objects;

/** Personal data found in free text, at {@code [start, end)}. */
public record TextMatch(PiiCategory category, int start, int end) {
    public TextMatch {
        Objects.requireNonNull(category, "category");
        if (start < 0 || end < start) throw new IllegalArgumentException("bad span " + start + ".." + end);
    }
}
