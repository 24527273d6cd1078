package dev.hearth.simulator.nativedev;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of native device the simulator can play, by short name and model id. */
public enum DeviceKind {
    LAMP("hearth.light.lamp1"),
    PLUG("hearth.plug.v1"),
    SENSOR("hearth.sensor.th1"),
    LOCK("hearth.lock.v1"),
    VACUUM("hearth.vacuum.v1");

    private final String modelId;

    DeviceKind(String modelId) {
        this.modelId = modelId;
    }

    public String modelId() {
        return modelId;
    }

    /** The short name used in ids and on the command line: {@code lamp}, {@code plug}, ... */
    public String shortName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a short name; throws IllegalArgumentException listing the valid ones. */
    public static DeviceKind parse(String name) {
        for (DeviceKind k : values()) {
            if (k.shortName().equalsIgnoreCase(name.strip())) return k;
        }
        throw new IllegalArgumentException("unknown device kind '" + name.strip() + "'; expected one of "
                + Arrays.stream(values()).map(DeviceKind::shortName).collect(Collectors.joining(", ")));
    }

    static DeviceKind ofModel(String modelId) {
        for (DeviceKind k : values()) {
            if (k.modelId.equals(modelId)) return k;
        }
        throw new IllegalArgumentException("the simulator cannot play model " + modelId);
    }
}
