package dev.hearth.core.cloud;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the gateway may send command replies (DESIGN.md section 7): the MQTT 5 response topic of a
 * command is taken only if it is a valid PUBLISH topic name (non-empty, well-formed UTF-8 without
 * NUL or control characters, no '+' or '#'), does not start with '$', is at most
 * {@link #MAX_TOPIC_BYTES} long and matches {@code filter}. Anything else would make the gateway
 * publish where the broker refuses it (Paho then drops the connection, every time): such a command
 * is dropped unanswered.
 *
 * @param filter an MQTT topic filter, e.g. {@code hearth/v1/home-1/replies/#}
 */
public record ReplyTopics(String filter) {
    public static final int MAX_TOPIC_BYTES = 512;

    public ReplyTopics {
        Objects.requireNonNull(filter, "filter");
        filterProblem(filter).ifPresent(p -> {
            throw new IllegalArgumentException("bad reply topic filter \"" + filter + "\": " + p);
        });
    }

    /** The default: replies go under the home's own subtree, {@code <prefix>/<home>/replies/#}. */
    public static ReplyTopics defaults(CloudTopics topics) {
        return new ReplyTopics(topics.prefix() + "/" + topics.home() + "/replies/#");
    }

    /** Why {@code topic} is not an acceptable response topic, or empty when it is. */
    public Optional<String> problem(String topic) {
        if (topic.isEmpty()) return Optional.of("empty");
        if (topic.getBytes(StandardCharsets.UTF_8).length > MAX_TOPIC_BYTES) return Optional.of("longer than " + MAX_TOPIC_BYTES + " bytes");
        if (topic.charAt(0) == '$') return Optional.of("starts with '$' (broker-reserved)");
        Optional<String> chars = characterProblem(topic);
        if (chars.isPresent()) return chars;
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) return Optional.of("contains a wildcard");
        if (!matches(filter, topic)) return Optional.of("outside " + filter);
        return Optional.empty();
    }

    /** Why {@code f} is not a valid topic filter (wildcards only as whole levels, '#' last), or empty. */
    static Optional<String> filterProblem(String f) {
        if (f.isEmpty()) return Optional.of("empty");
        if (f.getBytes(StandardCharsets.UTF_8).length > MAX_TOPIC_BYTES) return Optional.of("longer than " + MAX_TOPIC_BYTES + " bytes");
        if (f.charAt(0) == '$') return Optional.of("starts with '$' (broker-reserved)");
        Optional<String> chars = characterProblem(f);
        if (chars.isPresent()) return chars;
        String[] levels = f.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String l = levels[i];
            if (l.contains("#") && (!l.equals("#") || i != levels.length - 1)) return Optional.of("'#' must be the whole last level");
            if (l.contains("+") && !l.equals("+")) return Optional.of("'+' must be a whole level");
        }
        return Optional.empty();
    }

    /** NUL, control characters and lone surrogates are not well-formed MQTT UTF-8 strings. */
    private static Optional<String> characterProblem(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) return Optional.of("contains NUL");
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return Optional.of("contains a control character");
            if (c == '\uFFFD') return Optional.of("contains a replacement character (bad UTF-8)");
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) return Optional.of("not well-formed UTF-16/UTF-8");
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return Optional.of("not well-formed UTF-16/UTF-8");
            }
        }
        return Optional.empty();
    }

    /** MQTT matching: '+' one level, '#' this and every deeper level (also none). */
    static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) return true;
            if (i >= t.length) return false;
            if (!f[i].equals("+") && !f[i].equals(t[i])) return false;
        }
        return f.length == t.length;
    }
}
