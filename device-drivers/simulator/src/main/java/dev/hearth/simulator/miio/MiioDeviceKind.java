package dev.hearth.simulator.miio;

/** The kinds of miIO device the simulator can play. */
public enum MiioDeviceKind {
    /**
     * Xiaomi pedestal fan V3: legacy miIO ({@code get_prop}, {@code set_<name>}); buzzer "on"/"off",
     * temperature and humidity, as python-miio describes the V3 (the SA1 has neither).
     */
    LEGACY_FAN("fan", "zhimi.fan.v3"),
    /** Xiaomi smart plug: MIoT ({@code get_properties}, {@code set_properties}, {@code action}). */
    MIOT_PLUG("plug", "cuco.plug.v3");

    private final String shortName;
    private final String model;

    MiioDeviceKind(String shortName, String model) {
        this.shortName = shortName;
        this.model = model;
    }

    /** The kind by its short name ({@code fan}, {@code plug}), case-insensitive. */
    public static MiioDeviceKind parse(String name) {
        for (MiioDeviceKind k : values()) {
            if (k.shortName.equalsIgnoreCase(name.strip())) return k;
        }
        throw new IllegalArgumentException("unknown miIO device kind '" + name.strip() + "'; expected one of "
                + java.util.Arrays.stream(values()).map(MiioDeviceKind::shortName).collect(java.util.stream.Collectors.joining(", ")));
    }

    /** The name used on the command line: {@code fan} or {@code plug}. */
    public String shortName() {
        return shortName;
    }

    public String model() {
        return model;
    }

    MiioBehaviour newBehaviour() {
        return this == LEGACY_FAN ? new FanBehaviour() : new PlugBehaviour();
    }
}
