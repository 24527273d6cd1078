package dev.hearth.driver.api.model;

import dev.hearth.driver.api.value.Value;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks what a device reported against its model before anything in the core sees it
 * (DESIGN.md section 4). A declared property keeps its value only if the value has the declared
 * type, lies in the declared range and is within the size limits; a SECRET property never passes
 * (it stays in the session that read it). An undeclared field passes only if the owner allowed it,
 * or, for an owner who chose to keep unreviewed fields, while the device holds fewer than
 * {@link Limits#maxUnknownFields()} of them. Everything else is rejected with a reason.
 *
 * <p>The validator is pure and thread-safe: the caller supplies the model, what the device
 * already stores, and the owner's rules, and gets back what may be kept and what was rejected.
 */
public final class ReportValidator {

    /** Why a reported value was not kept. */
    public enum Reason {
        /** The value's type or shape is not the declared one. */
        TYPE_MISMATCH,
        /** A number outside the declared range. */
        OUT_OF_RANGE,
        /** A string longer than {@link Limits#maxStringLength()}. */
        TOO_LONG,
        /** A structured value heavier than {@link Limits#maxValueWeight()}. */
        TOO_LARGE,
        /** The model declares it SECRET: it never leaves the session. */
        SECRET,
        /** Not declared by the model and not allowed by the owner. */
        UNKNOWN_FIELD,
        /** Not declared, and the device already holds as many undeclared fields as it may. */
        TOO_MANY_FIELDS
    }

    /**
     * The bounds. {@code maxStringLength} applies to every string value; {@code maxValueWeight}
     * to one value as {@link ModelValues#weight} measures it; {@code maxUnknownFields} to the
     * undeclared fields one device may keep in its state, and to those one event may carry.
     */
    public record Limits(int maxStringLength, long maxValueWeight, int maxUnknownFields) {
        public Limits {
            if (maxStringLength < 1) throw new IllegalArgumentException("maxStringLength must be positive");
            if (maxValueWeight < 1) throw new IllegalArgumentException("maxValueWeight must be positive");
            if (maxUnknownFields < 0) throw new IllegalArgumentException("maxUnknownFields must not be negative");
        }

        /** 1,024 characters a string, 16,384 a value, 32 undeclared fields a device. */
        public static Limits defaults() {
            return new Limits(1024, 16_384, 32);
        }
    }

    /** How undeclared fields of one device's model are admitted. */
    public interface UnknownFields {
        /** The class the owner allowed this undeclared field as (TELEMETRY or DIAGNOSTIC), if any. */
        Optional<DataClass> allowed(String field);

        /** Whether an undeclared field nobody reviewed may be kept (the opt-in detect mode). */
        boolean keepUnreviewed(String field, Value value);

        /** Nothing undeclared is kept. */
        UnknownFields NONE = new UnknownFields() {
            @Override public Optional<DataClass> allowed(String field) { return Optional.empty(); }
            @Override public boolean keepUnreviewed(String field, Value value) { return false; }
        };
    }

    /** One rejected value, described by its key and types only: never the value. */
    public record Rejection(String key, Reason reason, String expected, String received) {
        public Rejection {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(received, "received");
        }
    }

    /**
     * What may be kept, how many values were rejected for each reason, the first rejections (at
     * most {@link #SAMPLES}, for a log line), and the undeclared fields seen (at most
     * {@link #SAMPLES} of them, for the owner's review record; their values are for the detector's
     * verdict only), with how many undeclared fields the report had in all.
     */
    public record Result(Map<String, Value> kept, Map<Reason, Integer> rejected, List<Rejection> samples,
                         Map<String, Value> undeclared, int undeclaredSeen) {
        public Result {
            if (undeclaredSeen < undeclared.size()) throw new IllegalArgumentException("undeclaredSeen < undeclared fields listed");
            kept = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kept));
            rejected = rejected.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(rejected));
            samples = List.copyOf(samples);
            undeclared = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(undeclared));
        }

        public int rejectedTotal() {
            return rejected.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** How many rejections and undeclared fields a result describes one by one. */
    public static final int SAMPLES = 64;

    private final Limits limits;

    public ReportValidator(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Validates a state report. {@code storedUndeclared} are the undeclared keys the device's
     * state already holds (a new one is admitted only while they are fewer than the bound).
     */
    public Result state(Optional<DeviceModel> model, Map<String, Value> values, Set<String> storedUndeclared,
                        UnknownFields unknown) {
        Collector c = new Collector();
        int undeclaredHeld = storedUndeclared.size();
        for (Map.Entry<String, Value> e : values.entrySet()) {
            String key = e.getKey();
            Value value = e.getValue();
            Optional<DeviceModel.PropertyRef> ref = model.flatMap(m -> m.property(key));
            if (ref.isPresent()) {
                PropertySpec p = ref.get().property();
                if (c.admits(key, p.dataClass(), p.type(), p.range(), value)) c.kept.put(key, value);
                continue;
            }
            c.seen(key, value);
            if (!c.admitsUndeclared(key, value, unknown)) continue;
            boolean held = storedUndeclared.contains(key);
            if (!held && undeclaredHeld >= limits.maxUnknownFields()) {
                c.reject(key, Reason.TOO_MANY_FIELDS, "at most " + limits.maxUnknownFields() + " undeclared fields", ModelValues.kind(value));
                continue;
            }
            if (!held) undeclaredHeld++;
            c.kept.put(key, value);
        }
        return c.result();
    }

    /**
     * Validates an event's arguments against the model's event (none declared when the model does
     * not know the event). An undeclared argument is addressed as {@code "event:argument"} in the
     * owner's rules and the review record.
     */
    public Result event(Optional<DeviceModel> model, String event, Map<String, Value> args, UnknownFields unknown) {
        Collector c = new Collector();
        Optional<EventSpec> spec = model.flatMap(m -> m.event(event)).map(DeviceModel.EventRef::event);
        int undeclared = 0;
        for (Map.Entry<String, Value> e : args.entrySet()) {
            String name = e.getKey();
            Value value = e.getValue();
            Optional<ArgSpec> arg = spec.flatMap(s -> s.args().stream().filter(a -> a.name().equals(name)).findFirst());
            if (arg.isPresent()) {
                if (c.admits(name, arg.get().dataClass(), arg.get().type(), Optional.empty(), value)) c.kept.put(name, value);
                continue;
            }
            String field = event + ":" + name;
            c.seen(field, value);
            if (!c.admitsUndeclared(field, value, unknown)) continue;
            if (undeclared >= limits.maxUnknownFields()) {
                c.reject(field, Reason.TOO_MANY_FIELDS, "at most " + limits.maxUnknownFields() + " undeclared arguments", ModelValues.kind(value));
                continue;
            }
            undeclared++;
            c.kept.put(name, value);
        }
        return c.result();
    }

    /** The rejections and undeclared fields of one report. */
    private final class Collector {
        final Map<String, Value> kept = new LinkedHashMap<>();
        final EnumMap<Reason, Integer> counts = new EnumMap<>(Reason.class);
        final List<Rejection> samples = new ArrayList<>();
        final Map<String, Value> undeclared = new LinkedHashMap<>();
        int undeclaredSeen;

        boolean admits(String key, DataClass dataClass, ValueType type, Optional<Range> range, Value value) {
            if (dataClass == DataClass.SECRET) return reject(key, Reason.SECRET, ModelValues.name(type), ModelValues.kind(value));
            if (!ModelValues.fits(type, value)) return reject(key, Reason.TYPE_MISMATCH, ModelValues.name(type), ModelValues.kind(value));
            if (range.isPresent()) {
                double n = ModelValues.number(value);
                if (!Double.isNaN(n) && !range.get().contains(n)) {
                    return reject(key, Reason.OUT_OF_RANGE, "[" + range.get().min() + ", " + range.get().max() + "]", ModelValues.kind(value));
                }
            }
            return sized(key, value);
        }

        boolean admitsUndeclared(String field, Value value, UnknownFields unknown) {
            if (unknown.allowed(field).isEmpty() && !unknown.keepUnreviewed(field, value)) {
                return reject(field, Reason.UNKNOWN_FIELD, "a declared field", ModelValues.kind(value));
            }
            return sized(field, value);
        }

        boolean sized(String key, Value value) {
            if (value instanceof Value.Text t && t.value().length() > limits.maxStringLength()) {
                return reject(key, Reason.TOO_LONG, "at most " + limits.maxStringLength() + " characters", "string");
            }
            if ((value instanceof Value.Array || value instanceof Value.Struct)
                    && ModelValues.weight(value, limits.maxValueWeight()) > limits.maxValueWeight()) {
                return reject(key, Reason.TOO_LARGE, "at most " + limits.maxValueWeight() + " in weight", ModelValues.kind(value));
            }
            if (value instanceof Value.Array || value instanceof Value.Struct) return stringsFit(key, value);
            return true;
        }

        private boolean stringsFit(String key, Value value) {
            if (value instanceof Value.Text t) {
                return t.value().length() <= limits.maxStringLength()
                        || reject(key, Reason.TOO_LONG, "at most " + limits.maxStringLength() + " characters", "string");
            }
            if (value instanceof Value.Array a) {
                for (Value v : a.items()) if (!stringsFit(key, v)) return false;
            } else if (value instanceof Value.Struct s) {
                for (Value v : s.fields().values()) if (!stringsFit(key, v)) return false;
            }
            return true;
        }

        void seen(String field, Value value) {
            undeclaredSeen++;
            if (undeclared.size() < SAMPLES) undeclared.put(field, value);
        }

        boolean reject(String key, Reason reason, String expected, String received) {
            counts.merge(reason, 1, Integer::sum);
            if (samples.size() < SAMPLES) samples.add(new Rejection(key, reason, expected, received));
            return false;
        }

        Result result() {
            return new Result(kept, counts, samples, undeclared, undeclaredSeen);
        }
    }
}
