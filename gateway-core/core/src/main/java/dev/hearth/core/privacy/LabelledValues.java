package dev.hearth.core.privacy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values that free text labels as personal or secret: {@code "wifi password: Hunter2!"},
 * {@code "?uid=1480533933&token=…"}, {@code "联系人：王芳"}, {@code "name=Li Wei"}. The label is
 * read with the same {@link KeyVocabulary} as a field name, so a sentence carries what a key
 * would; what follows it, up to a space or a separator, is the match.
 */
final class LabelledValues {

    private static final Pattern LABELLED = Pattern.compile(
            "(?<![A-Za-z0-9_])([A-Za-z][A-Za-z0-9_.-]{0,30}|[\\u3400-\\u9fff]{1,8})[\"']?[ \\t]*[:=：][ \\t]*[\"']?"
            + "([^\\s,;&\"'<>(){}\\[\\]，。；、]{2,})");

    private LabelledValues() {
    }

    /** Whether a ':' or '=' follows a letter (quotes and spaces between): "07:00" and "E1042: stall" have none. */
    static boolean mayHaveALabel(String text) {
        for (int i = 1, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c != ':' && c != '=' && c != '：') continue;
            int j = i - 1;
            while (j > 0 && (text.charAt(j) == ' ' || text.charAt(j) == '"' || text.charAt(j) == '\'')) j--;
            char p = text.charAt(j);
            if ((p >= 'A' && p <= 'Z') || (p >= 'a' && p <= 'z') || (p >= '\u3400' && p <= '\u9fff')) return true;
        }
        return false;
    }

    /** Adds each labelled personal or secret value in {@code text}; true when {@code firstOnly} should stop. */
    static boolean find(String text, List<TextMatch> out, boolean firstOnly) {
        Matcher m = LABELLED.matcher(text);
        while (m.find()) {
            if (AccountIds.taken(out, m.start(2), m.end(2))) continue;
            String label = m.group(1);
            // "https://…", "fe80::1", "12:30": a scheme, an address or a clock, not a label
            if (text.startsWith("//", m.end(1) + 1) || text.startsWith(":", m.end(1) + 1)) continue;
            int flags = KeyVocabulary.classify(label);
            PiiCategory category;
            if ((flags & KeyVocabulary.SECRET) != 0) category = PiiCategory.SECRET;
            else if ((flags & KeyVocabulary.PERSON) != 0) category = PiiCategory.PERSON_KEY;
            else continue;
            out.add(new TextMatch(category, m.start(2), m.end(2)));
            if (firstOnly) return true;
        }
        return false;
    }
}
