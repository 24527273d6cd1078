package dev.hearth.core.api;

import dev.hearth.driver.api.model.ActionSpec;
import dev.hearth.driver.api.model.ArgSpec;
import dev.hearth.driver.api.model.DataClass;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.PropertySpec;
import dev.hearth.driver.api.model.ServiceSpec;
import dev.hearth.driver.api.model.ValueChoice;
import dev.hearth.driver.api.model.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a client can offer for a device, generated from its model: each property (but secrets)
 * with its type, access, unit, range and value list, and the control that fits it (writable bool:
 * {@code switch}; value list: {@code select}; range: {@code slider}; other writable: {@code input};
 * read-only: {@code none}); each action with its inputs ({@code button} without, {@code form} with).
 */
final class ModelControls {
    private ModelControls() { }

    static Map<String, Object> describe(DeviceModel model) {
        List<Map<String, Object>> properties = new ArrayList<>();
        List<Map<String, Object>> actions = new ArrayList<>();
        for (ServiceSpec s : model.services()) {
            for (PropertySpec p : s.properties()) {
                // a secret is never shown, so it is never offered either
                if (p.dataClass() == DataClass.SECRET) continue;
                properties.add(property(model, s, p));
            }
            for (ActionSpec a : s.actions()) {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("key", s.siid() + "." + a.aiid());
                view.put("service", s.name());
                view.put("name", a.name());
                view.put("control", a.in().isEmpty() ? "button" : "form");
                List<Map<String, Object>> inputs = new ArrayList<>();
                for (ArgSpec in : a.in()) inputs.add(Map.of("name", in.name(), "type", lower(in.type().name())));
                view.put("inputs", inputs);
                view.put("requires", lower(a.required().name()));
                actions.add(view);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("properties", properties);
        out.put("actions", actions);
        return out;
    }

    private static Map<String, Object> property(DeviceModel model, ServiceSpec s, PropertySpec p) {
        String key = s.siid() + "." + p.piid();
        List<ValueChoice> choices = model.valueList(key);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("key", key);
        view.put("service", s.name());
        view.put("name", p.name());
        view.put("type", lower(p.type().name()));
        view.put("access", p.access().stream().map(a -> lower(a.name())).sorted().toList());
        view.put("class", lower(p.dataClass().name()));
        view.put("control", control(p, choices));
        p.unit().ifPresent(u -> view.put("unit", u));
        p.range().ifPresent(r -> {
            view.put("min", number(r.min(), p.type()));
            view.put("max", number(r.max(), p.type()));
            if (r.step() > 0) view.put("step", number(r.step(), p.type()));
        });
        if (!choices.isEmpty()) {
            view.put("options", choices.stream().map(c -> Map.<String, Object>of("value", c.value(), "label", c.description())).toList());
        }
        return view;
    }

    private static String control(PropertySpec p, List<ValueChoice> choices) {
        if (!p.writable()) return "none";
        if (p.type() == ValueType.BOOL) return "switch";
        if (!choices.isEmpty()) return "select";
        if ((p.type() == ValueType.INT || p.type() == ValueType.FLOAT) && p.range().isPresent()) return "slider";
        return "input";
    }

    private static Object number(double d, ValueType type) {
        return type == ValueType.INT && d == Math.rint(d) ? (Object) (long) d : (Object) d;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
