package dev.hearth.core.privacy;

import dev.hearth.driver.api.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds personal data in a field: in its key (a person-ish name such as {@code userName},
 * {@code shouji}, {@code 手机}), and in its value, walking structs and arrays and reading free
 * text inside strings ("call 13812345678 after 6pm"). See {@link PiiCategory} for what it finds.
 *
 * <p>The privacy filter uses it only for fields the device model does not declare; declared
 * fields are allowed or dropped by their {@code DataClass}. Thread-safe and stateless.
 */
public final class PersonalDataDetector {

    private static final int INHERITED = KeyVocabulary.LOCATION | KeyVocabulary.MAC | KeyVocabulary.VERSION
            | KeyVocabulary.WIFI | KeyVocabulary.TIME | KeyVocabulary.DIGEST | KeyVocabulary.SERIAL | KeyVocabulary.ACTOR;
    /** Keys under which a number is the device's or a time, never an account. */
    private static final int NOT_AN_ACCOUNT = KeyVocabulary.TIME | KeyVocabulary.VERSION | KeyVocabulary.DIGEST
            | KeyVocabulary.SERIAL;

    private final FreeTextScanner text = new FreeTextScanner();

    /** Everything personal in {@code key} and {@code value}, in the order found. */
    public List<Finding> scan(String key, Value value) {
        List<Finding> out = new ArrayList<>(2);
        walk(new Path(null, key, -1), key, 0, value, out, false);
        return out;
    }

    /** Whether {@link #scan} would find anything; stops at the first finding. */
    public boolean containsPersonal(String key, Value value) {
        return firstFinding(key, value).isPresent();
    }

    /** The first of what {@link #scan} would find, found without looking for the rest. */
    public Optional<Finding> firstFinding(String key, Value value) {
        List<Finding> out = new ArrayList<>(1);
        return walk(new Path(null, key, -1), key, 0, value, out, true) ? Optional.of(out.get(0)) : Optional.empty();
    }

    /**
     * Personal data inside free text (a log line), with its position. A label alone ("user=bob")
     * does not make what follows it personal here, as it does in a field value.
     */
    public List<TextMatch> scanText(String s) {
        List<TextMatch> out = new ArrayList<>(2);
        text.scan(s, false, out, false, false);
        return out;
    }

    /** Whether the field name alone says the field is about a person (or holds a secret). */
    public boolean isPersonKey(String key) {
        return KeyVocabulary.is(key, KeyVocabulary.PERSON | KeyVocabulary.SECRET);
    }

    /** Whether {@link #scan} would find a {@link PiiCategory#SECRET}. */
    public boolean containsSecret(String key, Value value) {
        for (Finding f : scan(key, value)) if (f.category() == PiiCategory.SECRET) return true;
        return false;
    }

    /** Whether the field name is personal: a person-ish name, or personal data used as a name. */
    public boolean keyContainsPersonal(String key) {
        if (isPersonKey(key)) return true;
        if (key.length() < 6) return false;
        List<TextMatch> found = new ArrayList<>(0);
        text.scan(key, false, found, true);
        return !found.isEmpty();
    }

    /**
     * Whether {@code value} under {@code key} holds anything personal, the key's meaning extended
     * by {@code inherited} (what the enclosing keys said, see {@link #inherited}). For the cleaner,
     * which walks a value the same way and must agree with {@link #containsPersonal(String, Value)}.
     */
    boolean containsPersonal(String key, int inherited, Value value) {
        List<Finding> out = new ArrayList<>(1);
        return walk(new Path(null, key, -1), key, inherited, value, out, true);
    }

    /** Whether the key alone (with what the enclosing keys said) makes its subtree personal. */
    boolean keyIsPersonal(String key, int inherited) {
        int flags = KeyVocabulary.classify(key) | inherited;
        return (flags & (KeyVocabulary.PERSON | KeyVocabulary.WIFI | KeyVocabulary.SECRET)) != 0 || keyContainsPersonal(key);
    }

    /** What a key's children inherit from it and its ancestors. */
    static int inherited(String key, int inherited) {
        return (KeyVocabulary.classify(key) | inherited) & INHERITED;
    }

    /** Returns true when it found something and {@code firstOnly} asks to stop there. */
    private boolean walk(Path path, String key, int inherited, Value value, List<Finding> out, boolean firstOnly) {
        int flags = KeyVocabulary.classify(key) | inherited;
        if ((flags & KeyVocabulary.PERSON) != 0 && path.key() != null
                && add(out, PiiCategory.PERSON_KEY, path, firstOnly)) return true;
        if ((flags & KeyVocabulary.WIFI) != 0 && add(out, PiiCategory.WIFI, path, firstOnly)) return true;
        if ((flags & KeyVocabulary.SECRET) != 0 && path.key() != null
                && add(out, PiiCategory.SECRET, path, firstOnly)) return true;
        if (path.key() != null && inText(key, false, path, out, firstOnly)) return true;
        if (value instanceof Value.Text t) {
            String s = t.value();
            // JSON inside a string ("{\"uid\": 1480533933}"): read with its keys first, found at the string
            Optional<Value> embedded = EmbeddedJson.parse(s);
            if (embedded.isPresent()) {
                List<Finding> inside = new ArrayList<>(1);
                if (walk(path, "", flags & INHERITED, embedded.get(), inside, true)) {
                    return add(out, inside.get(0).category(), path, firstOnly);
                }
            }
            if (inText(s, (flags & (KeyVocabulary.VERSION | KeyVocabulary.DIGEST)) != 0, path, out, firstOnly)) return true;
            // 12 bare hex digits: a MAC under a MAC key; under a neutral key too when letters and digits
            // mix as in an address (a checksum or a serial is under a key that says so)
            if (isBareMac(s) && ((flags & KeyVocabulary.MAC) != 0
                    || ((flags & NOT_AN_ACCOUNT) == 0 && lettersAndDigits(s.strip())))
                    && add(out, PiiCategory.MAC, path, firstOnly)) return true;
            // a Xiaomi account number as a string ("2266624693") under a neutral key: counters and
            // timestamps are sent as numbers, a did or a sequence number is under a key that says so
            if ((flags & NOT_AN_ACCOUNT) == 0 && AccountIds.isAccountNumber(s.strip())
                    && add(out, PiiCategory.USER_ID, path, firstOnly)) return true;
            if ((flags & (KeyVocabulary.VERSION | KeyVocabulary.DIGEST)) == 0 && WifiNames.isWifiName(s)
                    && add(out, PiiCategory.WIFI, path, firstOnly)) return true;
            if ((flags & KeyVocabulary.LOCATION) != 0 && isDegrees(s)
                    && add(out, PiiCategory.COORDINATES, path, firstOnly)) return true;
        } else if (value instanceof Value.Int i) {
            long v = i.value();
            if ((v >= 1_000_000_000L || v <= -1_000_000_000L)
                    && inText(Long.toString(v), false, path, out, firstOnly)) return true;
            // "opened_by": 2587653113: under a key that names who did it, an account-shaped number is one
            if ((flags & KeyVocabulary.ACTOR) != 0 && (flags & NOT_AN_ACCOUNT) == 0 && AccountIds.isAccountNumber(v)
                    && add(out, PiiCategory.USER_ID, path, firstOnly)) return true;
            if ((flags & KeyVocabulary.LOCATION) != 0 && Math.abs(v) <= 180
                    && add(out, PiiCategory.COORDINATES, path, firstOnly)) return true;
        } else if (value instanceof Value.Real r) {
            if ((flags & KeyVocabulary.LOCATION) != 0 && Math.abs(r.value()) <= 180
                    && add(out, PiiCategory.COORDINATES, path, firstOnly)) return true;
        } else if (value instanceof Value.Array a) {
            if (GeoPoints.isPoint(a) && add(out, PiiCategory.COORDINATES, path, firstOnly)) return true;
            List<Value> items = a.items();
            for (int idx = 0; idx < items.size(); idx++) {
                if (walk(new Path(path, null, idx), "", flags & INHERITED, items.get(idx), out, firstOnly)) return true;
            }
        } else if (value instanceof Value.Struct s) {
            if (GeoPoints.pointKeys(s).isPresent() && add(out, PiiCategory.COORDINATES, path, firstOnly)) return true;
            for (Map.Entry<String, Value> e : s.fields().entrySet()) {
                if (walk(new Path(path, e.getKey(), -1), e.getKey(), flags & INHERITED, e.getValue(), out, firstOnly)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean inText(String s, boolean versionKey, Path path, List<Finding> out, boolean firstOnly) {
        if (s.length() < 6) return false;
        List<TextMatch> found = new ArrayList<>(0);
        text.scan(s, versionKey, found, firstOnly);
        for (TextMatch m : found) {
            if (add(out, m.category(), path, firstOnly)) return true;
        }
        return false;
    }

    private static boolean add(List<Finding> out, PiiCategory category, Path path, boolean firstOnly) {
        out.add(new Finding(category, path.toString()));
        return firstOnly;
    }

    private static boolean isBareMac(String s) {
        String t = s.strip();
        if (t.length() != 12) return false;
        for (int i = 0; i < 12; i++) if (Character.digit(t.charAt(i), 16) < 0) return false;
        return true;
    }

    private static boolean lettersAndDigits(String s) {
        boolean letter = false, digit = false;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) digit = true;
            else letter = true;
        }
        return letter && digit;
    }

    private static boolean isDegrees(String s) {
        try {
            double d = Double.parseDouble(s.strip());
            return Math.abs(d) <= 180;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Where a finding is; rendered only when there is one. */
    private record Path(Path parent, String key, int index) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            render(sb);
            return sb.toString();
        }

        private void render(StringBuilder sb) {
            if (parent != null) parent.render(sb);
            if (key != null) {
                if (parent != null) sb.append('.');
                sb.append(key);
            } else {
                sb.append('[').append(index).append(']');
            }
        }
    }
}
