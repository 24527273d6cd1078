package dev.hearth.core.devices;

import dev.hearth.config.ConfigProblem;
import dev.hearth.config.HearthConfig;
import dev.hearth.config.StaticDevice;
import dev.hearth.driver.api.DeviceDriver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One identity per configured device: each {@code devices:} entry's id as its driver names the
 * device ({@link DeviceDriver#canonicalId}: a miIO entry may write the bare did), and a second
 * entry for the same device id or the same address is a config problem naming both entries. The
 * gateway runs with the first of them; {@code hearth config check} reports the problem.
 */
public final class StaticDeviceIdentities {

    /** The configuration with canonical ids and no second entry for one device, and what was wrong. */
    public record Checked(HearthConfig config, List<ConfigProblem> problems) {
        public Checked {
            Objects.requireNonNull(config, "config");
            problems = List.copyOf(problems);
        }
    }

    private StaticDeviceIdentities() {
    }

    public static Checked check(HearthConfig config, List<DeviceDriver> drivers) {
        Map<String, DeviceDriver> byProtocol = new LinkedHashMap<>();
        drivers.forEach(d -> byProtocol.put(d.protocol(), d));
        List<StaticDevice> kept = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, StaticDevice> byId = new LinkedHashMap<>();
        Map<String, StaticDevice> byAddress = new LinkedHashMap<>();
        for (StaticDevice d : config.devices()) {
            DeviceDriver driver = byProtocol.get(d.protocol());
            String id = driver == null ? d.id() : driver.canonicalId(d.id());
            String address = d.protocol() + " " + d.address().host().toLowerCase(java.util.Locale.ROOT) + ":"
                    + (d.address().port().isPresent() ? Integer.toString(d.address().port().getAsInt()) : "default");
            StaticDevice sameId = byId.get(id);
            StaticDevice sameAddress = byAddress.get(address);
            if (sameId != null) {
                problems.add(new ConfigProblem("devices", "entries " + quote(sameId.id()) + " and " + quote(d.id())
                        + " are one device (" + id + "): the gateway uses the first, " + quote(sameId.id())));
            } else if (sameAddress != null) {
                problems.add(new ConfigProblem("devices", "entries " + quote(sameAddress.id()) + " and " + quote(d.id())
                        + " have one address (" + d.address().host() + d.address().port().stream().mapToObj(p -> ":" + p)
                        .findFirst().orElse("") + "): replies there reach one session only; the gateway uses the first, "
                        + quote(sameAddress.id())));
            } else {
                StaticDevice canonical = id.equals(d.id()) ? d
                        : new StaticDevice(id, d.protocol(), d.model(), d.address(), d.secret(), d.name(), d.room());
                byId.put(id, d);
                byAddress.put(address, d);
                kept.add(canonical);
            }
        }
        return new Checked(config.withDevices(kept), problems);
    }

    private static String quote(String id) {
        return "\"" + id + "\"";
    }
}
