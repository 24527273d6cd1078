package dev.hearth.core.devices;

import dev.hearth.driver.api.DeviceDriver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/** The drivers on the class path: the gateway's one {@link ServiceLoader} call. */
public final class InstalledDrivers {
    private InstalledDrivers() {
    }

    /** Every driver {@code loader} can see, one per protocol. */
    public static List<DeviceDriver> load(ClassLoader loader) {
        List<DeviceDriver> drivers = new ArrayList<>();
        Set<String> protocols = new HashSet<>();
        for (DeviceDriver d : ServiceLoader.load(DeviceDriver.class, loader)) {
            if (!protocols.add(d.protocol())) {
                throw new IllegalStateException("two drivers claim protocol " + d.protocol());
            }
            drivers.add(d);
        }
        return List.copyOf(drivers);
    }
}
