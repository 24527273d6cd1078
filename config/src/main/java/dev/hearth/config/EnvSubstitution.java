package dev.hearth.config;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${env:NAME}} (or {@code ${env:NAME:-fallback}}) in a config value with the variable
 * from the given environment. A missing variable without a fallback is a problem at the value's path;
 * the problem names the variable, never a value.
 */
final class EnvSubstitution {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Map<String, String> environment;

    EnvSubstitution(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The substituted text, or empty after reporting every missing variable at {@code path}. */
    Optional<String> apply(String text, String path, Problems problems) {
        if (!text.contains("${")) return Optional.of(text);
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean missing = false;
        while (m.find()) {
            String value = environment.get(m.group(1));
            if (value == null) value = m.group(2);
            if (value == null) {
                problems.add(path, "environment variable " + m.group(1) + " is not set");
                missing = true;
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        if (missing) return Optional.empty();
        return Optional.of(out.toString());
    }
}
