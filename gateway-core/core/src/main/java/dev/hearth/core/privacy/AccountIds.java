package dev.hearth.core.privacy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Account ids by their shape: Xiaomi account numbers (8 to 10 digits) after a word that says
 * whose they are ("unlocked by user 2587653113", "用户1480533933开锁", "uid=1480533933"),
 * prefixed ids ({@code u_9c976f020d07}, {@code ou_xrxR9SGsgj2e5C6XYECm}, {@code user-48213}), WeChat
 * open ids ({@code o} and 27 more), and opaque random strings of mixed case (keys, session ids),
 * which are taken for secrets. A number alone in text is not an account: it is a counter or a
 * timestamp far more often; only its key ({@link PersonalDataDetector}) or a word before it tells.
 */
final class AccountIds {

    private static final Pattern NUMBER = Pattern.compile("(?<![0-9A-Za-z.+])[0-9]{7,11}(?![0-9]|\\.[0-9])");
    /** u_, uid_, user-, ou_, on_ (Lark/Feishu open and union ids), then an id with a digit or of mixed case. */
    private static final Pattern PREFIXED = Pattern.compile(
            "(?<![A-Za-z0-9_-])(?:u|uid|user|usr|ou|on|openid|unionid)[_-]([A-Za-z0-9]{6,64})(?![A-Za-z0-9_-])",
            Pattern.CASE_INSENSITIVE);
    /** Tokens of base64url-ish characters, judged by {@link #opaque}. */
    private static final Pattern TOKEN = Pattern.compile("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{16,}(?![A-Za-z0-9_-])");
    /** A JWT: base64url JSON header ({@code eyJ}), payload and optional signature. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}(?:\\.[A-Za-z0-9_-]*)?");

    private AccountIds() {
    }

    /** Whether a whole value is an account number's shape: 8 to 10 digits, not one digit repeated, not a date. */
    static boolean isAccountNumber(String s) {
        int n = s.length();
        if (n < 8 || n > 10) return false;
        for (int i = 0; i < n; i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        if (Checksums.allSame(s)) return false;
        return n != 8 || !isDate(s);
    }

    /** Whether an integer has an account number's shape. */
    static boolean isAccountNumber(long v) {
        return v >= 10_000_000L && v <= 9_999_999_999L && isAccountNumber(Long.toString(v));
    }

    /**
     * Adds the account ids and opaque tokens in {@code text} to {@code out}; true when {@code firstOnly}
     * should stop. {@code longestDigits} and {@code longestWord}: the longest runs of digits and of
     * id characters in it, which say which patterns could match at all.
     */
    static boolean find(String text, int longestDigits, int longestWord, List<TextMatch> out, boolean firstOnly) {
        if (text.indexOf("eyJ") >= 0 && add(JWT, PiiCategory.SECRET, text, out, firstOnly)) return true;
        if (longestDigits >= 7 && afterAWord(text, out, firstOnly)) return true;
        if (longestWord >= 8 && mayBePrefixed(text)) {
            Matcher m = PREFIXED.matcher(text);
            while (m.find()) {
                if (taken(out, m.start(), m.end())) continue;
                if (!hasDigit(text, m.start(1), m.end(1)) && !mixedCase(text, m.start(1), m.end(1), 12)) continue;
                out.add(new TextMatch(PiiCategory.USER_ID, m.start(), m.end()));
                if (firstOnly) return true;
            }
        }
        if (longestWord < 16) return false;
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            int s = m.start(), e = m.end();
            if (taken(out, s, e)) continue;
            if (e - s == 28 && text.charAt(s) == 'o' && mixedCase(text, s, e, 28)) {
                out.add(new TextMatch(PiiCategory.USER_ID, s, e));  // a WeChat openid / unionid
                if (firstOnly) return true;
            } else if (opaque(text, s, e)) {
                out.add(new TextMatch(PiiCategory.SECRET, s, e));
                if (firstOnly) return true;
            }
        }
        return false;
    }

    /** A '_' or '-' after a letter that ends one of {@link #PREFIXED}'s prefixes, then 6 letters or digits. */
    private static boolean mayBePrefixed(String text) {
        for (int i = 1, n = text.length(); i + 6 < n; i++) {
            char c = text.charAt(i);
            if (c != '_' && c != '-') continue;
            char p = (char) (text.charAt(i - 1) | 0x20);
            if (p != 'u' && p != 'd' && p != 'r' && p != 'n') continue;
            boolean id = true;
            for (int j = i + 1; j <= i + 6 && id; j++) id = isAsciiAlnum(text.charAt(j));
            if (id) return true;
        }
        return false;
    }

    private static boolean isAsciiAlnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /**
     * Random, not words: some part (between {@code _} and {@code -}) of 12 or more characters with
     * upper case, lower case and digits inside it, and at least 16 letters and digits in all.
     * CamelCase names ({@code AutoCleanMode}) have no digits inside; versions and models have dots.
     */
    private static boolean opaque(String text, int start, int end) {
        int alnum = 0;
        boolean randomPart = false;
        int partStart = start;
        for (int i = start; i <= end; i++) {
            boolean sep = i == end || text.charAt(i) == '_' || text.charAt(i) == '-';
            if (!sep) {
                alnum++;
                continue;
            }
            if (i - partStart >= 12 && hasDigit(text, partStart, i) && mixedCase(text, partStart, i, 12)
                    && letterAfterDigit(text, partStart, i)) {
                randomPart = true;
            }
            partStart = i + 1;
        }
        return randomPart && alnum >= 16 && SecretShapes.longestRun(text, start, end) < 6;
    }

    /** "SensorV2Pro2024": a digit run only at the end of a word is a version; random strings have letters after digits. */
    private static boolean letterAfterDigit(String s, int start, int end) {
        for (int i = start + 1; i < end; i++) {
            if (Character.isLetter(s.charAt(i)) && Character.isDigit(s.charAt(i - 1))) return true;
        }
        return false;
    }

    /** A 7 to 11 digit number whose preceding word names a person or an actor ("user", "by", "uid", "用户"). */
    private static boolean afterAWord(String text, List<TextMatch> out, boolean firstOnly) {
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            if (taken(out, m.start(), m.end()) || !ownedBy(text, m.start())) continue;
            out.add(new TextMatch(PiiCategory.USER_ID, m.start(), m.end()));
            if (firstOnly) return true;
        }
        return false;
    }

    private static boolean ownedBy(String text, int start) {
        int i = skipGlue(text, start);
        int end = i;
        // "user id 123", "user ID: 123", "账号ID 123": look past the id word
        if (i >= 2 && (text.regionMatches(true, i - 2, "id", 0, 2)) && (i == 2 || !Character.isLetter(text.charAt(i - 3))
                || Character.isUpperCase(text.charAt(i - 2)))) {
            i = skipGlue(text, i - 2);
            end = i;
        }
        if (i == 0) return false;
        char c = text.charAt(i - 1);
        int from = i;
        if (c >= '\u3400' && c <= '\u9fff') {
            while (from > 0 && from > i - 8 && isHan(text.charAt(from - 1))) from--;
        } else if (Character.isLetter(c)) {
            while (from > 0 && (Character.isLetterOrDigit(text.charAt(from - 1)) || text.charAt(from - 1) == '_')) from--;
        } else {
            return false;
        }
        int flags = KeyVocabulary.classify(text.substring(from, end));
        return (flags & (KeyVocabulary.PERSON | KeyVocabulary.ACTOR)) != 0
                && (flags & (KeyVocabulary.TIME | KeyVocabulary.SERIAL | KeyVocabulary.VERSION)) == 0;
    }

    private static int skipGlue(String text, int i) {
        while (i > 0 && " \t:=#：\"'(（".indexOf(text.charAt(i - 1)) >= 0) i--;
        return i;
    }

    /** Whether {@code [start, end)} overlaps what another pattern already found in this text (one finding each). */
    static boolean taken(List<TextMatch> out, int start, int end) {
        for (TextMatch t : out) if (t.start() < end && start < t.end()) return true;
        return false;
    }

    private static boolean add(Pattern p, PiiCategory category, String text, List<TextMatch> out, boolean firstOnly) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            if (taken(out, m.start(), m.end())) continue;
            out.add(new TextMatch(category, m.start(), m.end()));
            if (firstOnly) return true;
        }
        return false;
    }

    private static boolean hasDigit(String s, int start, int end) {
        for (int i = start; i < end; i++) if (s.charAt(i) >= '0' && s.charAt(i) <= '9') return true;
        return false;
    }

    /** Upper and lower case letters, and (for {@code minLength} or more characters) a case change inside. */
    private static boolean mixedCase(String s, int start, int end, int minLength) {
        if (end - start < minLength) return false;
        boolean upper = false, lower = false;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
        }
        return upper && lower;
    }

    private static boolean isDate(String s) {
        int year = Integer.parseInt(s.substring(0, 4));
        int month = Integer.parseInt(s.substring(4, 6));
        int day = Integer.parseInt(s.substring(6, 8));
        return year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    private static boolean isHan(char c) {
        return c >= '\u3400' && c <= '\u9fff';
    }
}
