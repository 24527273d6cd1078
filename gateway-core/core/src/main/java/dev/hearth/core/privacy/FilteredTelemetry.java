package dev.hearth.core.privacy;

import dev.hearth.driver.api.value.Value;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What may leave the home from one device report or event. Only {@link PrivacyFilter} can make
 * one (the constructor is package-private), and the cloud bridge accepts nothing else, so
 * unfiltered data cannot reach MQTT by construction (DESIGN.md section 3).
 */
public final class FilteredTelemetry {

    /** A filtered event: its key ({@code "siid.eiid"}), its name when the model knows it, and the args that may leave. */
    public record Event(String key, Optional<String> name, Map<String, Value> args) {
        public Event {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(name, "name");
            args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
        }
    }

    private final String deviceId;
    private final Optional<String> model;
    private final Map<String, Value> values;
    private final Optional<Event> event;
    private final Instant at;
    private final DecisionSummary decisions;

    FilteredTelemetry(String deviceId, Optional<String> model, Map<String, Value> values, Optional<Event> event,
                      Instant at, DecisionSummary decisions) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.model = Objects.requireNonNull(model, "model");
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.event = Objects.requireNonNull(event, "event");
        this.at = Objects.requireNonNull(at, "at");
        this.decisions = Objects.requireNonNull(decisions, "decisions");
    }

    public String deviceId() {
        return deviceId;
    }

    /** The device's model id, when known. */
    public Optional<String> model() {
        return model;
    }

    /** The property values that may leave, by key; empty for an event. */
    public Map<String, Value> values() {
        return values;
    }

    /** The event, when this is one. */
    public Optional<Event> event() {
        return event;
    }

    public boolean isEvent() {
        return event.isPresent();
    }

    /** When the device reported it. */
    public Instant at() {
        return at;
    }

    /** What the filter decided for each field of the original record. */
    public DecisionSummary decisions() {
        return decisions;
    }

    @Override
    public String toString() {
        return "FilteredTelemetry[device=" + deviceId + ", " + (isEvent() ? "event " + event.get().key() : values.size() + " values")
                + ", at=" + at + "]";
    }
}
