package dev.hearth.core.privacy;

import dev.hearth.driver.api.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds an undeclared value from its clean parts only, for a field whose personal parts must
 * be dropped: an allowlist rebuild, never a mask over the original. What goes is the smallest
 * part the detector found something in: a leaf (a string with personal data inside is dropped
 * whole, never partly masked), a key that names something personal with its whole subtree, or
 * a geographic point ({@code [lon, lat]}, {@code {x, y}}) as one unit. Siblings stay: a struct
 * keeps its other fields, an array its other items. Whatever ends up empty is dropped. The walk
 * carries what enclosing keys say ({@code fw: {current: "1.4.2.8"}} is a version, not an address),
 * the same way the detector does, so what it keeps the detector finds clean.
 */
final class UnknownFieldCleaner {

    private final PersonalDataDetector detector;

    UnknownFieldCleaner(PersonalDataDetector detector) {
        this.detector = detector;
    }

    /** The clean part of field {@code key}, or empty when nothing clean is left. */
    Optional<Value> clean(String key, Value value) {
        return clean(key, 0, value);
    }

    // One walk: a struct or array is rebuilt only when a part of it went, else returned as it is.
    private Optional<Value> clean(String key, int inherited, Value value) {
        if (detector.keyIsPersonal(key, inherited)) return Optional.empty();
        int below = PersonalDataDetector.inherited(key, inherited);
        if (value instanceof Value.Struct s) {
            List<String> point = GeoPoints.pointKeys(s).orElse(List.of());
            Map<String, Value> kept = new LinkedHashMap<>();
            boolean changed = !point.isEmpty();
            for (Map.Entry<String, Value> e : s.fields().entrySet()) {
                if (point.contains(e.getKey())) continue;
                Optional<Value> c = clean(e.getKey(), below, e.getValue());
                changed |= c.isEmpty() || c.get() != e.getValue();
                c.ifPresent(v -> kept.put(e.getKey(), v));
            }
            if (!changed) return Optional.of(value);
            return kept.isEmpty() ? Optional.empty() : Optional.of(new Value.Struct(kept));
        }
        if (value instanceof Value.Array a) {
            if (GeoPoints.isPoint(a)) return Optional.empty();
            List<Value> kept = new ArrayList<>(a.items().size());
            boolean changed = false;
            for (Value item : a.items()) {
                Optional<Value> c = clean("", below, item);
                changed |= c.isEmpty() || c.get() != item;
                c.ifPresent(kept::add);
            }
            if (!changed) return Optional.of(value);
            return kept.isEmpty() ? Optional.empty() : Optional.of(new Value.Array(kept));
        }
        return detector.containsPersonal(key, inherited, value) ? Optional.empty() : Optional.of(value);
    }
}
