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
 * entry for the same device id or the same address is a config problem naming both entries, found
 * at the second entry's id or address ({@code devices[2].address}). The gateway runs with the first
 * of them; {@code hearth config check} reports the problem.
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
        List<StaticDevice> devices = config.devices();
        for (int i = 0; i < devices.size(); i++) {
            StaticDevice d = devices.get(i);
            DeviceDriver driver = byProtocol.get(d.protocol());
            String id = driver == null ? d.id() : driver.canonicalId(d.id());
            String address = d.protocol() + " " + d.address().host().toLowerCase(java.util.Locale.ROOT) + ":"
                    + (d.address().port().isPresent() ? Integer.toString(d.address().port().getAsInt()) : "default");
            StaticDevice sameId = byId.get(id);
            StaticDevice sameAddress = byAddress.get(address);
            String at = pathOf(d, i);
            if (sameId != null) {
                problems.add(new ConfigProblem(at + ".id", "entries " + named(sameId, devices) + " and " + quote(d.id())
                        + " are one device (" + id + "): the gateway uses the first, " + quote(sameId.id())));
            } else if (sameAddress != null) {
                problems.add(new ConfigProblem(at + ".address", "entries " + named(sameAddress, devices) + " and " + quote(d.id())
                        + " have one address (" + d.address().host() + d.address().port().stream().mapToObj(p -> ":" + p)
                        .findFirst().orElse("") + "): replies there reach one session only; the gateway uses the first, "
                        + quote(sameAddress.id())));
            } else {
                StaticDevice canonical = id.equals(d.id()) ? d
                        : new StaticDevice(id, d.protocol(), d.model(), d.address(), d.secret(), d.name(), d.room(), d.path());
                byId.put(id, d);
                byAddress.put(address, d);
                kept.add(canonical);
            }
        }
        return new Checked(config.withDevices(kept), problems);
    }

    /**
     * Where the entry is written ({@code devices[1]}, {@code devices.static[1]}), so {@code hearth
     * config check} points at it; a device not read from a file by its place in the list.
     */
    private static String pathOf(StaticDevice d, int index) {
        return d.path().isEmpty() ? "devices[" + index + "]" : d.path();
    }

    /** {@code "fan-1" (devices[0])}: the first of two entries, by id and place. */
    private static String named(StaticDevice first, List<StaticDevice> devices) {
        int index = 0;
        while (devices.get(index) != first) index++;
        return quote(first.id()) + " (" + pathOf(first, index) + ")";
    }

    private static String quote(String id) {
        return "\"" + id + "\"";
    }
}
