package dev.hearth.core.home;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules for names people give to rooms and devices: 1 to 40 characters after stripping
 * surrounding white space, no control characters, and a comparison key that ignores case
 * (Locale.ROOT, so also for non-ASCII letters) and Unicode composition.
 */
public final class DisplayNames {
    /** The longest name, in Unicode code points after stripping. */
    public static final int MAX_LENGTH = 40;

    private DisplayNames() {
    }

    /** Why {@code raw} is not an acceptable name, or empty when it is. */
    public static Optional<String> problem(String raw) {
        if (raw == null) return Optional.of("a name is required");
        String name = clean(raw);
        int length = name.codePointCount(0, name.length());
        if (length == 0) return Optional.of("a name cannot be empty");
        if (length > MAX_LENGTH) {
            return Optional.of("a name has at most " + MAX_LENGTH + " characters, this one has " + length);
        }
        boolean control = name.codePoints().anyMatch(cp -> {
            int type = Character.getType(cp);
            return type == Character.CONTROL || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
        });
        return control ? Optional.of("a name cannot contain control characters") : Optional.empty();
    }

    /** The name as stored: stripped of surrounding white space and NFC-composed. */
    public static String clean(String raw) {
        return Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
    }

    /**
     * The key under which two names are "the same": case-folded with Locale.ROOT (upper then lower,
     * so "Straße" and "STRASSE" collide) after NFKC normalisation.
     */
    public static String key(String raw) {
        String n = Normalizer.normalize(raw.strip(), Normalizer.Form.NFKC);
        return n.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }
}
