package dev.hearth.core.privacy;

import dev.hearth.driver.api.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds an undeclared struct from its clean parts only, for a field whose personal parts must
 * be dropped: an allowlist rebuild, never a mask over the original. A struct keeps each field
 * whose key and value the detector finds clean (nested structs are rebuilt the same way); a
 * string with personal data inside is dropped whole, never partly masked; an array is kept only
 * if every scalar item is clean (dropping items would change what the others mean). Whatever
 * ends up empty is dropped.
 */
final class UnknownFieldCleaner {

    private final PersonalDataDetector detector;

    UnknownFieldCleaner(PersonalDataDetector detector) {
        this.detector = detector;
    }

    /** The clean part of field {@code key}, or empty when nothing clean is left. */
    Optional<Value> clean(String key, Value value) {
        if (detector.keyContainsPersonal(key)) return Optional.empty();
        if (value instanceof Value.Struct s) {
            Map<String, Value> kept = new LinkedHashMap<>();
            for (Map.Entry<String, Value> e : s.fields().entrySet()) {
                clean(e.getKey(), e.getValue()).ifPresent(v -> kept.put(e.getKey(), v));
            }
            return kept.isEmpty() ? Optional.empty() : Optional.of(new Value.Struct(kept));
        }
        if (value instanceof Value.Array a) {
            List<Value> kept = new ArrayList<>(a.items().size());
            for (Value item : a.items()) {
                Optional<Value> c = clean("", item);
                if (c.isEmpty()) return Optional.empty();
                kept.add(c.get());
            }
            return kept.isEmpty() ? Optional.empty() : Optional.of(new Value.Array(kept));
        }
        return detector.containsPersonal(key, value) ? Optional.empty() : Optional.of(value);
    }
}
