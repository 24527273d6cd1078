package dev.hearth.core.privacy;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How an identifier (a user id, a pseudonym) is found in free text: as a whole word, words split
 * at anything that is not a letter, a digit or one of {@code - _ . @}, with the full stops that
 * end a sentence ("by u42.") not part of it. So "u1" is not found in "u12". One rule for the
 * withdrawn-user check, the rights' mentions and the reply filter.
 */
public final class IdWords {
    private IdWords() {
    }

    /** Whether {@code text} is, or contains as a word, an id that {@code isId} accepts. */
    public static boolean contains(String text, Predicate<String> isId) {
        if (isId.test(text)) return true;
        int n = text.length();
        int start = -1;
        for (int i = 0; i <= n; i++) {
            boolean word = i < n && isWordChar(text.charAt(i));
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                if (match(text, start, i, isId) > start) return true;
                start = -1;
            }
        }
        return false;
    }

    /** {@code text} with every id that {@code substitute} maps replaced, word by word. */
    public static String replace(String text, Function<String, Optional<String>> substitute) {
        Optional<String> whole = substitute.apply(text);
        if (whole.isPresent()) return whole.get();
        StringBuilder out = null;
        int n = text.length();
        int start = -1;
        int copied = 0;
        for (int i = 0; i <= n; i++) {
            boolean word = i < n && isWordChar(text.charAt(i));
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                int end = match(text, start, i, w -> substitute.apply(w).isPresent());
                if (end > start) {
                    if (out == null) out = new StringBuilder(n + 16);
                    out.append(text, copied, start).append(substitute.apply(text.substring(start, end)).orElseThrow());
                    copied = end;
                }
                start = -1;
            }
        }
        if (out == null) return text;
        return out.append(text, copied, n).toString();
    }

    /** The end of the id at {@code [start, end)} (the word, or the word without trailing full stops), or -1. */
    private static int match(String s, int start, int end, Predicate<String> isId) {
        if (isId.test(s.substring(start, end))) return end;
        int e = end;
        while (e > start && s.charAt(e - 1) == '.') e--;
        return e < end && e > start && isId.test(s.substring(start, e)) ? e : -1;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '@';
    }
}
