package dev.hearth.core.privacy;

import dev.hearth.driver.api.model.ModelValues;
import dev.hearth.driver.api.value.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;

/**
 * What the owner reviews: every undeclared field seen, per (model, field), with how often, first
 * and last seen, the JSON types it came as, and whether the detector found personal data in it
 * (and which categories, from the sightings it scanned: the 1st, 2nd, 4th, 8th...) — never a value. Bounded: at most {@code perModel} fields per model and
 * {@code overall} fields in all; a field with no room is counted (the {@code unrecorded} counter)
 * and not listed. Memory only: devices report their fields again after a restart.
 */
public final class UnknownFieldRecord {

    /** One field as the owner sees it. */
    public record Entry(String model, String field, long count, Instant firstSeen, Instant lastSeen,
                        Set<String> types, boolean personal, Set<PiiCategory> categories) {
        public Entry {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(firstSeen, "firstSeen");
            Objects.requireNonNull(lastSeen, "lastSeen");
            types = Set.copyOf(types);
            categories = categories.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(categories));
        }
    }

    private static final class Tally {
        long count;
        Instant first;
        Instant last;
        final Set<String> types = new TreeSet<>();
        final EnumSet<PiiCategory> categories = EnumSet.noneOf(PiiCategory.class);
    }

    private final PersonalDataDetector detector;
    private final int perModel;
    private final int overall;
    private final LongConsumer unrecorded;
    private final Map<String, Map<String, Tally>> byModel = new HashMap<>();
    private int size;
    private long unrecordedTotal;

    public UnknownFieldRecord(PersonalDataDetector detector, int perModel, int overall, LongConsumer unrecorded) {
        if (perModel < 1 || overall < perModel) throw new IllegalArgumentException("need 1 <= perModel <= overall");
        this.detector = Objects.requireNonNull(detector, "detector");
        this.perModel = perModel;
        this.overall = overall;
        this.unrecorded = Objects.requireNonNull(unrecorded, "unrecorded");
    }

    /**
     * Records the undeclared fields of one report of {@code model}; {@code seen} is how many the
     * report had in all ({@code fields} may list only the first of them), the rest are unrecorded.
     */
    public void record(String model, Map<String, Value> fields, int seen, Instant at) {
        long missed = Math.max(0, seen - fields.size());
        List<Map.Entry<String, Value>> toScan = new ArrayList<>();
        synchronized (this) {
            Map<String, Tally> m = byModel.get(model);
            for (Map.Entry<String, Value> e : fields.entrySet()) {
                Tally t = m == null ? null : m.get(e.getKey());
                if (t == null) {
                    if (size >= overall || (m != null && m.size() >= perModel)) {
                        missed++;
                        continue;
                    }
                    if (m == null) {
                        m = new LinkedHashMap<>();
                        byModel.put(model, m);
                    }
                    t = new Tally();
                    t.first = at;
                    m.put(e.getKey(), t);
                    size++;
                }
                t.count++;
                if (t.last == null || at.isAfter(t.last)) t.last = at;
                t.types.add(ModelValues.kind(e.getValue()));
                // the detector is the costly part and this runs on the driver's thread: a field is
                // scanned on its 1st, 2nd, 4th, 8th... sighting, so a chatty device costs O(log n) scans
                if (Long.bitCount(t.count) == 1) toScan.add(e);
            }
            unrecordedTotal += missed;
        }
        if (missed > 0) unrecorded.accept(missed);
        // the detector runs outside the lock: it is the slow part
        for (Map.Entry<String, Value> e : toScan) {
            List<Finding> findings = detector.scan(e.getKey(), e.getValue());
            if (findings.isEmpty()) continue;
            synchronized (this) {
                Tally t = byModel.get(model).get(e.getKey());
                findings.forEach(f -> t.categories.add(f.category()));
            }
        }
    }

    /** Every recorded field, by model then field. */
    public synchronized List<Entry> entries() {
        List<Entry> out = new ArrayList<>(size);
        byModel.forEach((model, fields) -> fields.forEach((field, t) -> out.add(new Entry(model, field, t.count, t.first,
                t.last, t.types, !t.categories.isEmpty(), t.categories))));
        out.sort(Comparator.comparing(Entry::model).thenComparing(Entry::field));
        return out;
    }

    /** Undeclared fields not recorded for lack of room, since start. */
    public synchronized long unrecorded() {
        return unrecordedTotal;
    }
}
