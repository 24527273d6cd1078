package dev.hearth.core.privacy;

import dev.hearth.driver.api.value.Value;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Geographic points recognised by their values, whatever the key: {@code [lon, lat]} and
 * {@code [lat, lon]} (optionally with an altitude), and {@code {x, y}} objects. Both numbers must
 * lie in range (one within ±90, both within ±180) and carry the precision of a position: each has
 * at least 3 decimals and together at least 7 ({@code [116.203428, 24.390718]}, not
 * {@code [21.5, 22.3]}). Integers, round values and pairs of fractions below 1 are not points:
 * RGB triples, ranges such as {@code [0, 100]}, percentages, one-decimal temperatures and
 * timestamps stay. Keys that name a position ({@code lat}, {@code lng}, {@code 经度}) are the
 * {@link KeyVocabulary}'s job, not this class's.
 */
final class GeoPoints {

    private static final int MIN_DECIMALS = 3;
    private static final int MIN_DECIMALS_TOGETHER = 7;

    private GeoPoints() {
    }

    /** Whether the array is one point: two numbers that look geographic, and at most an altitude. */
    static boolean isPoint(Value.Array array) {
        List<Value> items = array.items();
        if (items.size() != 2 && items.size() != 3) return false;
        Optional<Reading> a = reading(items.get(0));
        if (a.isEmpty()) return false;
        Optional<Reading> b = reading(items.get(1));
        if (b.isEmpty() || !geographic(a.get(), b.get())) return false;
        return items.size() == 2 || items.get(2) instanceof Value.Int || reading(items.get(2)).isPresent();
    }

    /** The keys of an {@code {x, y}} pair that looks geographic, if the struct has one. */
    static Optional<List<String>> pointKeys(Value.Struct struct) {
        String x = null, y = null;
        for (String k : struct.fields().keySet()) {
            String lower = k.toLowerCase(Locale.ROOT);
            if (lower.equals("x")) x = k;
            else if (lower.equals("y")) y = k;
        }
        if (x == null || y == null) return Optional.empty();
        Map<String, Value> f = struct.fields();
        Optional<Reading> a = reading(f.get(x));
        Optional<Reading> b = reading(f.get(y));
        if (a.isEmpty() || b.isEmpty() || !geographic(a.get(), b.get())) return Optional.empty();
        return Optional.of(List.of(x, y));
    }

    private static boolean geographic(Reading a, Reading b) {
        double x = Math.abs(a.value()), y = Math.abs(b.value());
        if (x > 180 || y > 180 || (x > 90 && y > 90)) return false;
        if (x < 1 && y < 1) return false;
        return a.decimals() >= MIN_DECIMALS && b.decimals() >= MIN_DECIMALS
                && a.decimals() + b.decimals() >= MIN_DECIMALS_TOGETHER;
    }

    /** A number with its count of significant decimals; numeric text counts as a number. */
    private static Optional<Reading> reading(Value v) {
        if (v instanceof Value.Real r && Double.isFinite(r.value())) {
            return Optional.of(new Reading(r.value(), decimals(Double.toString(r.value()))));
        }
        if (v instanceof Value.Text t) {
            String s = t.value().strip();
            if (s.isEmpty() || s.length() > 24 || !numeric(s)) return Optional.empty();
            try {
                return Optional.of(new Reading(Double.parseDouble(s), decimals(s)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean numeric(String s) {
        int i = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
        boolean digit = false, dot = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') digit = true;
            else if (c == '.' && !dot) dot = true;
            else return false;
        }
        return digit && dot;
    }

    /** Digits after the point, trailing zeros not counted; 0 for exponent forms (never positions). */
    private static int decimals(String s) {
        if (s.indexOf('E') >= 0 || s.indexOf('e') >= 0) return 0;
        int dot = s.indexOf('.');
        if (dot < 0) return 0;
        int end = s.length();
        while (end > dot + 1 && s.charAt(end - 1) == '0') end--;
        return end - dot - 1;
    }

    private record Reading(double value, int decimals) {
    }
}
