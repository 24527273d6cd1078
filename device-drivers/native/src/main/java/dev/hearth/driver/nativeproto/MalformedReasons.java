package dev.hearth.driver.nativeproto;

import java.util.Locale;

/** Maps a decoder's free-text reason to a small, fixed set of counter labels, and to a short detail. */
final class MalformedReasons {
    private static final String PREFIX = "malformed frame because ";

    private MalformedReasons() {
    }

    /** {@code "malformed frame: <why>"}, whatever the decoder's own wording. */
    static String detail(String reason) {
        return "malformed frame: " + (reason.startsWith(PREFIX) ? reason.substring(PREFIX.length()) : reason);
    }

    static String label(String reason) {
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("oversized") || r.contains("exceeds") || r.contains("too large") || r.contains("limit")) {
            return "oversized";
        }
        if (r.contains("stream ended")) return "truncated";
        if (r.contains("length prefix")) return "bad_length";
        return "bad_message";
    }
}
