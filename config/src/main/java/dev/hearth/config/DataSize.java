package dev.hearth.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A number of bytes, written in config as {@code 512B}, {@code 64KB}, {@code 64MB} or {@code 1GB} (binary units). */
public record DataSize(long bytes) implements Comparable<DataSize> {
    private static final Pattern TEXT = Pattern.compile("(\\d{1,12})\\s*(B|KB|MB|GB)", Pattern.CASE_INSENSITIVE);

    public DataSize {
        if (bytes < 0) throw new IllegalArgumentException("a size cannot be negative");
    }

    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    public static DataSize ofKilobytes(long kb) {
        return new DataSize(Math.multiplyExact(kb, 1024L));
    }

    public static DataSize ofMegabytes(long mb) {
        return new DataSize(Math.multiplyExact(mb, 1024L * 1024));
    }

    /** Parses {@code 64MB} and friends; empty if the text is not a size. */
    public static Optional<DataSize> parse(String text) {
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches()) return Optional.empty();
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "B" -> 1L;
            case "KB" -> 1024L;
            case "MB" -> 1024L * 1024;
            default -> 1024L * 1024 * 1024;
        };
        try {
            return Optional.of(new DataSize(Math.multiplyExact(n, unit)));
        } catch (ArithmeticException tooBig) {
            return Optional.empty();
        }
    }

    @Override
    public int compareTo(DataSize o) {
        return Long.compare(bytes, o.bytes);
    }

    /** The largest exact unit: {@code 64MB}, {@code 1536KB}, {@code 100B}. */
    @Override
    public String toString() {
        String[] units = {"GB", "MB", "KB"};
        long[] factors = {1024L * 1024 * 1024, 1024L * 1024, 1024L};
        for (int i = 0; i < units.length; i++) {
            if (bytes != 0 && bytes % factors[i] == 0) return bytes / factors[i] + units[i];
        }
        return bytes + "B";
    }
}
