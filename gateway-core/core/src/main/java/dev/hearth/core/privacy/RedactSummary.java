package dev.hearth.core.privacy;

/**
 * What a {@link Redactor} run did: lines read (blank lines not counted), records written,
 * records of which nothing may leave, and bad lines.
 */
public record RedactSummary(int read, int written, int withheld, int errors) {
    public RedactSummary {
        if (read < 0 || written < 0 || withheld < 0 || errors < 0) throw new IllegalArgumentException("negative count");
    }
}
