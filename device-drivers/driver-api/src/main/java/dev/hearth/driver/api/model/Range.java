package dev.hearth.driver.api.model;

/** The allowed numeric range of a property, inclusive, with its step (0 for none). */
public record Range(double min, double max, double step) {
    public Range {
        if (!(min <= max)) throw new IllegalArgumentException("range min " + min + " > max " + max);
        if (step < 0) throw new IllegalArgumentException("range step " + step + " < 0");
    }

    public boolean contains(double v) {
        return v >= min && v <= max;
    }
}
