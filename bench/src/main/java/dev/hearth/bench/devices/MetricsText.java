package dev.hearth.bench.devices;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of a Prometheus text exposition (what the gateway's {@code /metrics} returns). */
public final class MetricsText {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})?\\s+(\\S+)");

    private MetricsText() {
    }

    /** The sum of every sample of {@code metric} whose labels include all of {@code labels}; 0 when none. */
    public static double sum(String text, String metric, Map<String, String> labels) {
        double total = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) continue;
            Matcher m = SAMPLE.matcher(line);
            if (!m.find() || !m.group(1).equals(metric)) continue;
            String l = m.group(2) == null ? "" : m.group(2);
            boolean all = labels.entrySet().stream().allMatch(e -> l.contains(e.getKey() + "=\"" + e.getValue() + "\""));
            if (all) total += Double.parseDouble(m.group(3));
        }
        return total;
    }
}
