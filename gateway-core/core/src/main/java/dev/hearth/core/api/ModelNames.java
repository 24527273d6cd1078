package dev.hearth.core.api;

import dev.hearth.core.http.ApiException;
import dev.hearth.driver.api.model.ActionSpec;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.PropertySpec;
import dev.hearth.driver.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves what a client names a property or action by: its key ({@code "2.2"}, or a legacy
 * miIO name), {@code service.name} ({@code light.brightness}) or a name alone ({@code brightness})
 * when exactly one service has it. A name two services share is refused with both keys, so a
 * command never reaches the wrong one.
 */
final class ModelNames {
    private ModelNames() { }

    /** The property key {@code name} means, or why it means none; {@code name} itself when the model does not know it (the driver refuses). */
    static String property(Optional<DeviceModel> model, String name) {
        if (model.isEmpty() || model.get().property(name).isPresent()) return name;
        List<String> keys = new ArrayList<>();
        for (ServiceSpec s : model.get().services()) {
            for (PropertySpec p : s.properties()) {
                if (name.equals(s.name() + "." + p.name()) || name.equals(p.name())) keys.add(s.siid() + "." + p.piid());
            }
        }
        return one(name, keys);
    }

    /** The action key {@code name} means (as {@link #property}). */
    static String action(Optional<DeviceModel> model, String name) {
        if (model.isEmpty() || model.get().action(name).isPresent()) return name;
        List<String> keys = new ArrayList<>();
        for (ServiceSpec s : model.get().services()) {
            for (ActionSpec a : s.actions()) {
                if (name.equals(s.name() + "." + a.name()) || name.equals(a.name())) keys.add(s.siid() + "." + a.aiid());
            }
        }
        return one(name, keys);
    }

    private static String one(String name, List<String> keys) {
        // a service.name match and a bare-name match can name the same key
        List<String> distinct = keys.stream().distinct().toList();
        if (distinct.size() > 1) {
            throw ApiException.badRequest("'" + printable(name) + "' names " + String.join(" and ", distinct)
                    + ": use the service name (service.name) or the key");
        }
        return distinct.isEmpty() ? name : distinct.get(0);
    }

    /** A client's text, short and printable, for an error message. */
    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
