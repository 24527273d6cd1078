package dev.hearth.core.logging;

import dev.hearth.core.privacy.PersonalDataDetector;
import dev.hearth.core.privacy.PiiCategory;
import dev.hearth.core.privacy.TextMatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what must not be in a log line (feedback logs may be sent with consent, so logs must be
 * safe to send, DESIGN.md section 1): secrets (32+ hex digit tokens, base64 keys of 32+
 * characters, the value of {@code token=}, {@code key=}, {@code password=}, {@code secret=}
 * assignments) and whatever the detector finds in free text (phones, e-mails, IP addresses other
 * than loopback, MACs, identity and card numbers, coordinates), each replaced by
 * {@code [redacted:CATEGORY]}. Thread-safe.
 */
public final class LogMasker {

    /** The category shown for secrets. */
    public static final String SECRET = "SECRET";

    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?i)([A-Za-z0-9_.-]*(?:token|key|password|passwd|pwd|secret)\"?\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;&\"'}\\]]+)");
    private static final Pattern HEX = Pattern.compile("(?<![0-9A-Fa-f])[0-9A-Fa-f]{32,}(?![0-9A-Fa-f])");
    private static final Pattern BASE64 = Pattern.compile("(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{32,}={0,2}(?![A-Za-z0-9+/=_-])");

    private final PersonalDataDetector detector;

    public LogMasker(PersonalDataDetector detector) {
        this.detector = detector;
    }

    public String mask(String message) {
        if (message == null || message.isEmpty()) return message;
        List<Span> spans = new ArrayList<>();
        Matcher a = ASSIGNMENT.matcher(message);
        while (a.find()) spans.add(new Span(a.start(2), a.end(2), SECRET));
        Matcher h = HEX.matcher(message);
        while (h.find()) spans.add(new Span(h.start(), h.end(), SECRET));
        Matcher b = BASE64.matcher(message);
        while (b.find()) {
            if (looksRandom(message, b.start(), b.end())) spans.add(new Span(b.start(), b.end(), SECRET));
        }
        for (TextMatch m : detector.scanText(message)) {
            if (isLoopback(m, message)) continue;
            spans.add(new Span(m.start(), m.end(), m.category().name()));
        }
        if (spans.isEmpty()) return message;
        spans.sort(Comparator.comparingInt(Span::start).thenComparing(Comparator.comparingInt(Span::end).reversed()));
        StringBuilder out = new StringBuilder(message.length());
        int pos = 0;
        for (Span s : spans) {
            if (s.start() < pos) {
                continue; // inside (or overlapping) a span already masked
            }
            out.append(message, pos, s.start()).append("[redacted:").append(s.category()).append(']');
            pos = s.end();
        }
        return out.append(message, pos, message.length()).toString();
    }

    /** A key is mixed case with digits; a long path or identifier usually is not. */
    private static boolean looksRandom(String s, int start, int end) {
        boolean upper = false, lower = false, digit = false;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') upper = true;
            else if (c >= 'a' && c <= 'z') lower = true;
            else if (c >= '0' && c <= '9') digit = true;
        }
        return upper && lower && digit;
    }

    private static boolean isLoopback(TextMatch m, String s) {
        String found = s.substring(m.start(), m.end());
        return (m.category() == PiiCategory.IPV4 && found.startsWith("127."))
                || (m.category() == PiiCategory.IPV6 && found.equals("::1"));
    }

    private record Span(int start, int end, String category) {
    }
}
