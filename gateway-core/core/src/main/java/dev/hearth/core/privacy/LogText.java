package dev.hearth.core.privacy;

/** A device-supplied identifier made safe for one log line: control characters escaped, length capped. */
final class LogText {
    private static final int MAX = 80;

    private LogText() {
    }

    static String safe(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX) + 8);
        for (int i = 0; i < s.length() && b.length() < MAX; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        if (s.length() > MAX) b.append("...");
        return b.toString();
    }
}
