package dev.hearth.core.logging;

import java.util.Objects;

/**
 * Text from outside (a user id, a device id, a path) made safe to put in a log line: control and
 * line-breaking characters are escaped ({@code \n}, {@code \r}, {@code \t}, {@code \u001b}...), so
 * such text can never end the line and forge the next one, nor drive a terminal; and it is cut to
 * {@link #MAX_CHARS}. Use {@link #of} as a log argument, or {@link #escape} for a whole message
 * (what {@link MaskingConverter} does to every message, so no call site can forget).
 */
public record LogSafe(String value) {
    /** The most characters of one identifier kept in a log line. */
    public static final int MAX_CHARS = 200;

    public LogSafe {
        Objects.requireNonNull(value, "value");
    }

    /** A log argument printing {@code text} escaped and cut; {@code null} prints as {@code null}. */
    public static LogSafe of(String text) {
        return new LogSafe(text == null ? "null" : text);
    }

    @Override
    public String toString() {
        if (value.length() <= MAX_CHARS) return escape(value);
        return escape(value.substring(0, MAX_CHARS)) + "...(" + (value.length() - MAX_CHARS) + " more)";
    }

    /** {@code text} with every control and line-breaking character escaped; unchanged when it has none. */
    public static String escape(String text) {
        if (text == null) return null;
        int first = firstUnsafe(text);
        if (first < 0) return text;
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!unsafe(c)) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (unsafe(text.charAt(i))) return i;
        }
        return -1;
    }

    /** C0, DEL and C1 controls, the Unicode line and paragraph separators, and bidirectional overrides. */
    private static boolean unsafe(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
