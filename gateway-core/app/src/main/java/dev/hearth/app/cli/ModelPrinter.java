package dev.hearth.app.cli;

import dev.hearth.driver.api.model.ActionSpec;
import dev.hearth.driver.api.model.ArgSpec;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.EventSpec;
import dev.hearth.driver.api.model.PropertySpec;
import dev.hearth.driver.api.model.ServiceSpec;
import dev.hearth.driver.api.model.ValueChoice;
import dev.hearth.driver.api.model.miot.SpecReading;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Prints a device model for {@code hearth models show|check}: services, properties with class and access, actions, events. */
final class ModelPrinter {
    private ModelPrinter() { }

    static void print(PrintWriter out, DeviceModel m, List<SpecReading.Unclassified> unclassified) {
        out.println(m.model() + " (" + m.protocol() + ")" + (m.description().isEmpty() ? "" : ": " + m.description()));
        m.option("miot.type").ifPresent(t -> out.println("  spec " + t));
        for (ServiceSpec s : m.services()) {
            out.println("  service " + s.siid() + " " + s.name());
            for (PropertySpec p : s.properties()) {
                String key = s.siid() + "." + p.piid();
                StringBuilder line = new StringBuilder("    property ").append(key).append(' ').append(p.name())
                        .append("  ").append(lower(p.type().name()))
                        .append("  ").append(p.access().stream().map(a -> lower(a.name())).sorted().collect(Collectors.joining(",")))
                        .append("  ").append(p.dataClass().name());
                p.unit().ifPresent(u -> line.append("  unit ").append(u));
                p.range().ifPresent(r -> line.append("  range [").append(plain(r.min())).append(", ").append(plain(r.max()))
                        .append(r.step() > 0 ? ", " + plain(r.step()) : "").append(']'));
                List<ValueChoice> choices = m.valueList(key);
                if (!choices.isEmpty()) {
                    line.append("  values ").append(choices.stream().map(c -> c.value() + "=" + c.description())
                            .collect(Collectors.joining(", ")));
                }
                out.println(line);
            }
            for (ActionSpec a : s.actions()) {
                out.println("    action " + s.siid() + "." + a.aiid() + " " + a.name() + args(a.in()) + "  requires " + a.required());
            }
            for (EventSpec e : s.events()) {
                out.println("    event " + s.siid() + "." + e.eiid() + " " + e.name() + args(e.args()));
            }
        }
        for (SpecReading.Unclassified u : unclassified) {
            out.println("  unclassified " + u.key() + " " + u.type().name() + " (" + u.type().namespace()
                    + "): not declared, its values stay home until the owner allows them");
        }
        out.flush();
    }

    private static String args(List<ArgSpec> args) {
        if (args.isEmpty()) return "";
        return args.stream().map(a -> a.name() + ":" + lower(a.type().name()) + ":" + a.dataClass())
                .collect(Collectors.joining(", ", " (", ")"));
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
