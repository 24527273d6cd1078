package dev.hearth.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.core.access.Share;
import dev.hearth.core.access.ShareSummary;
import dev.hearth.core.online.Availability;
import dev.hearth.core.registry.DeviceRecord;
import dev.hearth.driver.api.value.ValueJson;
import dev.hearth.driver.api.model.DataClass;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.driver.api.model.PropertySpec;
import dev.hearth.driver.api.model.ValueType;
import dev.hearth.driver.api.value.Value;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON shapes of the local API's device list: what the web page renders. State shown here
 * never includes SECRET properties (tokens reported by miIO.info), nor fields no model lists.
 */
final class DeviceViews {
    private final ModelCatalog models;

    DeviceViews(ModelCatalog models) {
        this.models = models;
    }

    Map<String, Object> device(DeviceRecord d, Collection<Share> shares, Instant now) {
        Optional<DeviceModel> model = models.find(d.model());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", d.id());
        view.put("name", d.name());
        view.put("model", d.model());
        view.put("protocol", d.protocol());
        view.put("roomId", d.roomId().orElse(""));
        view.put("status", availability(d.availability()));
        ShareSummary summary = ShareSummary.of(shares, d.id(), d.roomId(), now);
        view.put("share", Map.of("sharedWith", summary.sharedWith(), "sharedBy", summary.sharedBy()));
        Map<String, JsonNode> state = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        Map<String, String> classes = new LinkedHashMap<>();
        d.state().forEach((key, value) -> shown(model, key).ifPresent(p -> {
            state.put(key, ValueJson.toJson(value));
            labels.put(key, p.name());
            p.unit().ifPresent(u -> units.put(key, u));
            classes.put(key, p.dataClass().name().toLowerCase(Locale.ROOT));
        }));
        view.put("state", state);
        view.put("labels", labels);
        // the page shows telemetry on the card and tucks diagnostic and personal data away
        view.put("units", units);
        view.put("classes", classes);
        view.put("controls", controls(model));
        // everything the model lets a client offer (types, ranges, value lists, actions)
        view.put("interface", model.map(ModelControls::describe).orElse(Map.of()));
        view.put("lastSeen", d.lastSeen().toEpochMilli());
        return view;
    }

    static Map<String, Object> availability(Availability a) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("device", a.deviceId());
        view.put("status", a.status().name().toLowerCase(Locale.ROOT));
        a.reason().ifPresent(r -> view.put("reason", r.name()));
        view.put("detail", a.detail());
        view.put("since", a.since().toEpochMilli());
        view.put("session", a.session());
        view.put("damped", a.damped());
        return view;
    }

    Map<String, JsonNode> shownState(DeviceRecord d, Map<String, Value> values) {
        Optional<DeviceModel> model = models.find(d.model());
        Map<String, JsonNode> out = new LinkedHashMap<>();
        values.forEach((k, v) -> shown(model, k).ifPresent(p -> out.put(k, ValueJson.toJson(v))));
        return out;
    }

    /** The property behind a state key, when the model lists it and it is not a secret. */
    private static Optional<PropertySpec> shown(Optional<DeviceModel> model, String key) {
        return model.flatMap(m -> m.property(key)).map(DeviceModel.PropertyRef::property)
                .filter(p -> p.dataClass() != DataClass.SECRET);
    }

    /**
     * The page's main controls: a power switch and a brightness slider, when writable. The switch
     * names the values it writes: {@code true}/{@code false} for a boolean {@code on}/{@code power},
     * or the text {@code "on"}/{@code "off"} that legacy miIO devices (zhimi.fan.sa1) use.
     */
    private static Map<String, Object> controls(Optional<DeviceModel> model) {
        Map<String, Object> controls = new LinkedHashMap<>();
        if (model.isEmpty()) return controls;
        for (DeviceModel.PropertyRef ref : model.get().properties()) {
            PropertySpec p = ref.property();
            if (!p.writable() || p.dataClass() == DataClass.SECRET) continue;
            boolean powerName = p.name().equals("on") || p.name().equals("power");
            if (powerName && !controls.containsKey("power") && (p.type() == ValueType.BOOL || p.type() == ValueType.STRING)) {
                Object on = p.type() == ValueType.BOOL ? Boolean.TRUE : "on";
                Object off = p.type() == ValueType.BOOL ? Boolean.FALSE : "off";
                controls.put("power", Map.of("key", ref.key(), "on", on, "off", off));
            } else if (p.name().equals("brightness") && p.type() == ValueType.INT && !controls.containsKey("brightness")) {
                controls.put("brightness", Map.of("key", ref.key(),
                        "min", p.range().map(r -> (long) r.min()).orElse(0L),
                        "max", p.range().map(r -> (long) r.max()).orElse(100L)));
            }
        }
        return controls;
    }
}
