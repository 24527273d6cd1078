package dev.hearth.core.privacy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets by their shape, whatever the key: hex keys and tokens (a miIO token is 32 hex digits, a
 * Xiaomi BLE beacon key 24), base64 keys, long mixed-case base64. Random bytes are told from
 * data by what randomness looks like: letters and digits mixed, mixed case, no run of six equal
 * characters; a hex run longer than 64 is a binary dump, not a key.
 */
final class SecretShapes {

    /** 16 to 32 bytes in hex, as keys and tokens are; a longer run is a binary dump (an IR code, a cooker profile). */
    private static final Pattern HEX_SECRET = Pattern.compile("(?<![0-9A-Za-z])[0-9A-Fa-f]{32,64}(?![0-9A-Za-z])");
    /** 12 to 15 random bytes in hex (a 24-hex Xiaomi BLE beacon key): only with letters and digits both. */
    private static final Pattern HEX_KEY_SHORT = Pattern.compile("(?<![0-9A-Za-z])[0-9A-Fa-f]{24,31}(?![0-9A-Za-z])");
    private static final Pattern BASE64_SECRET = Pattern.compile("(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{40,}={0,2}(?![A-Za-z0-9+/=_-])");
    /** A padded base64 16-byte key (a BLE bind key): exactly 22 characters and "==". */
    private static final Pattern BASE64_KEY_16 = Pattern.compile("(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/]{22}==(?![A-Za-z0-9+/=_-])");
    /** The same without its padding, with a '+' or '/' in it (without, {@link AccountIds} takes it as a random token). */
    private static final Pattern BASE64_KEY_16_BARE = Pattern.compile(
            "(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/]{22}(?![A-Za-z0-9+/=_-])");

    private SecretShapes() {
    }

    /** Adds the secrets in {@code text}; true when {@code firstOnly} should stop. */
    static boolean find(String text, boolean digestKey, List<TextMatch> out, boolean firstOnly) {
        // under a digest or version key, long hex is a checksum (ota_sha256, build_id), not a key
        if (!digestKey && text.length() >= 32 && hexKeys(HEX_SECRET, text, out, firstOnly)) return true;
        if (!digestKey && hexKeys(HEX_KEY_SHORT, text, out, firstOnly)) return true;
        // the exact length and the "==" padding already say "16 random bytes": about one in 40 such keys has
        // no digit (22 characters, 10 of 64 are digits), so only both cases are asked of it
        if (mixedCase(BASE64_KEY_16, text, out, firstOnly, false)) return true;
        // unpadded, 22 characters are a 16-byte key only with digits too (one in 50 keys has none)
        if (text.indexOf('+') + text.indexOf('/') > -2 && mixedCase(BASE64_KEY_16_BARE, text, out, firstOnly, true)) return true;
        return text.length() >= 40 && mixedCase(BASE64_SECRET, text, out, firstOnly, true);
    }

    /**
     * Hex runs that look random, as keys do: letters and digits both, and no run of 6 equal characters
     * (one in 40,000 random keys has one; padded menus and cooker profiles, "0202000000…0003", do);
     * and any run of exactly 32.
     */
    private static boolean hexKeys(Pattern p, String text, List<TextMatch> out, boolean firstOnly) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            boolean letter = false, digit = false;
            for (int i = m.start(); i < m.end(); i++) {
                char c = text.charAt(i);
                if (c >= '0' && c <= '9') digit = true;
                else letter = true;
            }
            // exactly 32: a miIO token's length, taken whatever its digits (python-miio's simulators use 32 zeros)
            if (m.end() - m.start() == 32 || (letter && digit && longestRun(text, m.start(), m.end()) < 6)) {
                out.add(new TextMatch(PiiCategory.SECRET, m.start(), m.end()));
                if (firstOnly) return true;
            }
        }
        return false;
    }

    /** Matches of {@code p} with upper case, lower case and (when {@code needDigit}) digits, as random keys have. */
    private static boolean mixedCase(Pattern p, String text, List<TextMatch> out, boolean firstOnly, boolean needDigit) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            boolean upper = false, lower = false, digit = false;
            for (int i = m.start(); i < m.end(); i++) {
                char c = text.charAt(i);
                upper |= c >= 'A' && c <= 'Z';
                lower |= c >= 'a' && c <= 'z';
                digit |= c >= '0' && c <= '9';
            }
            // "=" padding on a whole number of 4-character groups is base64 for sure: no digit needed
            boolean padded = text.charAt(m.end() - 1) == '=' && (m.end() - m.start()) % 4 == 0;
            if (upper && lower && (digit || padded || !needDigit) && longestRun(text, m.start(), m.end()) < 6
                    && !AccountIds.taken(out, m.start(), m.end())) {
                out.add(new TextMatch(PiiCategory.SECRET, m.start(), m.end()));
                if (firstOnly) return true;
            }
        }
        return false;
    }

    /** The longest run of one character, case aside: random keys have none of 6 ("AAAAAA" is padding in a binary dump). */
    static int longestRun(String text, int start, int end) {
        int run = 1, longest = 1;
        for (int i = start + 1; i < end; i++) {
            run = Character.toLowerCase(text.charAt(i)) == Character.toLowerCase(text.charAt(i - 1)) ? run + 1 : 1;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
