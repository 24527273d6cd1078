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
