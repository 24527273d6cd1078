package dev.hearth.driver.api.model;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A device model, loaded from a JSON model file: its services, properties, actions and events,
 * each property with its {@link DataClass}. Immutable; lookups are indexed because the privacy
 * filter and the drivers resolve keys on every report.
 *
 * <p>Keys: a property is addressed as {@code "siid.piid"} (e.g. {@code "2.1"}), an action as
 * {@code "siid.aiid"}, an event as {@code "siid.eiid"}. A legacy miIO property may also be
 * addressed by its legacy name.
 */
public final class DeviceModel {

    /** A property together with the service it belongs to. */
    public record PropertyRef(ServiceSpec service, PropertySpec property) {
        public String key() { return service.siid() + "." + property.piid(); }
    }

    /** An action together with the service it belongs to. */
    public record ActionRef(ServiceSpec service, ActionSpec action) {
        public String key() { return service.siid() + "." + action.aiid(); }
    }

    /** An event together with the service it belongs to. */
    public record EventRef(ServiceSpec service, EventSpec event) {
        public String key() { return service.siid() + "." + event.eiid(); }
    }

    private final String model;
    private final String protocol;
    private final String description;
    private final Map<String, String> options;
    private final List<ServiceSpec> services;
    private final Map<String, PropertyRef> propertiesByKey;
    private final Map<String, ActionRef> actionsByKey;
    private final Map<String, EventRef> eventsByKey;
    private final Map<String, List<ValueChoice>> valueLists;

    public DeviceModel(String model, String protocol, String description, Map<String, String> options,
                       List<ServiceSpec> services) {
        this(model, protocol, description, options, services, Map.of());
    }

    /** A model whose integer properties may list their values, by {@code "siid.piid"} (what a MIoT spec's value-list says). */
    public DeviceModel(String model, String protocol, String description, Map<String, String> options,
                       List<ServiceSpec> services, Map<String, List<ValueChoice>> valueLists) {
        this.model = requireText(model, "model");
        this.protocol = requireText(protocol, "protocol");
        this.description = Objects.requireNonNull(description, "description");
        this.options = Map.copyOf(options);
        this.services = List.copyOf(services);
        Map<String, PropertyRef> props = new HashMap<>();
        Map<String, ActionRef> actions = new HashMap<>();
        Map<String, EventRef> events = new HashMap<>();
        for (ServiceSpec s : this.services) {
            for (PropertySpec p : s.properties()) {
                PropertyRef ref = new PropertyRef(s, p);
                putUnique(props, ref.key(), ref, "property");
                p.legacyName().ifPresent(n -> putUnique(props, n, ref, "legacy property name"));
            }
            for (ActionSpec a : s.actions()) {
                ActionRef ref = new ActionRef(s, a);
                putUnique(actions, ref.key(), ref, "action");
            }
            for (EventSpec e : s.events()) {
                EventRef ref = new EventRef(s, e);
                putUnique(events, ref.key(), ref, "event");
            }
        }
        this.propertiesByKey = Collections.unmodifiableMap(props);
        this.actionsByKey = Collections.unmodifiableMap(actions);
        this.eventsByKey = Collections.unmodifiableMap(events);
        Map<String, List<ValueChoice>> lists = new HashMap<>();
        valueLists.forEach((key, choices) -> {
            PropertyRef ref = props.get(key);
            if (ref == null || !ref.key().equals(key)) throw new IllegalArgumentException("value list for " + key + ", which is no property");
            if (ref.property().type() != ValueType.INT) throw new IllegalArgumentException("value list for " + key + ", which is not an integer");
            lists.put(key, List.copyOf(choices));
        });
        this.valueLists = Collections.unmodifiableMap(lists);
    }

    private static <T> void putUnique(Map<String, T> map, String key, T value, String what) {
        if (map.putIfAbsent(key, value) != null) {
            throw new IllegalArgumentException("duplicate " + what + " " + key);
        }
    }

    private static String requireText(String s, String name) {
        if (s == null || s.isBlank()) throw new IllegalArgumentException(name + " must not be blank");
        return s;
    }

    public String model() { return model; }

    /** The protocol whose driver reads this model: {@code "native"} or {@code "miio"}. */
    public String protocol() { return protocol; }

    public String description() { return description; }

    /** Protocol-specific options, e.g. {@code miio.api = legacy | miot}. */
    public Map<String, String> options() { return options; }

    public Optional<String> option(String name) { return Optional.ofNullable(options.get(name)); }

    public List<ServiceSpec> services() { return services; }

    /** The property with this key ({@code "siid.piid"} or legacy name), if the model lists it. */
    public Optional<PropertyRef> property(String key) { return Optional.ofNullable(propertiesByKey.get(key)); }

    public Optional<PropertyRef> property(int siid, int piid) { return property(siid + "." + piid); }

    public Optional<ActionRef> action(String key) { return Optional.ofNullable(actionsByKey.get(key)); }

    public Optional<EventRef> event(String key) { return Optional.ofNullable(eventsByKey.get(key)); }

    /** The values property {@code key} ({@code "siid.piid"}) may take and what each means; empty when the model lists none. */
    public List<ValueChoice> valueList(String key) { return valueLists.getOrDefault(key, List.of()); }

    /** Every property of every service, in model order. */
    public List<PropertyRef> properties() {
        return services.stream().flatMap(s -> s.properties().stream().map(p -> new PropertyRef(s, p))).toList();
    }

    @Override
    public String toString() { return "DeviceModel[" + model + " (" + protocol + ")]"; }
}
