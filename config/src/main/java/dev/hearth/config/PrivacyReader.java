package dev.hearth.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the {@code privacy} section: consent default, unknown fields, retention, actions per data class. */
final class PrivacyReader {
    private final ReadContext ctx;

    PrivacyReader(ReadContext ctx) {
        this.ctx = ctx;
    }

    PrivacyConfig read(YamlSection s) {
        PrivacyConfig d = PrivacyConfig.defaults();
        boolean ux = s.bool("uxProgramme", d.uxProgramme());
        UnknownFieldsMode unknown = s.choice("unknownFields", UnknownFieldsMode.class, d.unknownFields());
        Duration retention = s.duration("retention", d.retention());
        DataClassActions classes = classes(s.sectionOrEmpty("classes"));
        List<PrivacyOverride> overrides = overrides(s);
        s.finish();
        return ctx.build(s.path(), () -> new PrivacyConfig(ux, unknown, retention, classes, overrides), () -> d);
    }

    private DataClassActions classes(YamlSection c) {
        DataClassActions d = DataClassActions.defaults();
        PrivacyAction telemetry = c.choice("telemetry", PrivacyAction.class, d.telemetry());
        PrivacyAction diagnostic = c.choice("diagnostic", PrivacyAction.class, d.diagnostic());
        PrivacyAction personal = c.choice("personal", PrivacyAction.class, d.personal());
        if (c.has("secret")) {
            c.problem("secret", "cannot be configured: secret data never leaves the home, it is always dropped");
        }
        c.finish();
        return new DataClassActions(telemetry, diagnostic, personal);
    }

    private List<PrivacyOverride> overrides(YamlSection s) {
        List<JsonNode> items = s.list("overrides");
        List<PrivacyOverride> overrides = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Optional<YamlSection> entry = YamlSection.of(items.get(i), s.itemPath("overrides", i), ctx);
            if (entry.isEmpty()) continue;
            YamlSection o = entry.get();
            Optional<String> model = o.requiredText("model");
            Optional<String> property = o.requiredText("property").map(String::strip);
            if (property.isPresent() && !PrivacyOverride.PROPERTY.matcher(property.get()).matches()) {
                o.problem("property", YamlSection.quote(property.get()) + " is not siid.piid, like 3.2");
                property = Optional.empty();
            }
            boolean hasAction = o.has("action");
            PrivacyAction action = o.choice("action", PrivacyAction.class, PrivacyAction.DROP);
            if (!hasAction) o.problem("action", "is required");
            o.finish();
            if (model.isEmpty() || property.isEmpty() || !hasAction) continue;
            String key = model.get() + " " + property.get();
            Integer earlier = firstIndex.putIfAbsent(key, i);
            if (earlier != null) {
                o.problem("property", "a second override for " + model.get() + " " + property.get()
                        + " (also overrides[" + earlier + "])");
                continue;
            }
            overrides.add(new PrivacyOverride(model.get(), property.get(), action));
        }
        return overrides;
    }
}
