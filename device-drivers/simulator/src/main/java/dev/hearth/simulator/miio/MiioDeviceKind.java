package dev.hearth.simulator.miio;

/** The kinds of miIO device the simulator can play. */
public enum MiioDeviceKind {
    /** Smartmi standing fan: legacy miIO ({@code get_prop}, {@code set_<name>}). */
    LEGACY_FAN("zhimi.fan.sa1"),
    /** Xiaomi smart plug: MIoT ({@code get_properties}, {@code set_properties}, {@code action}). */
    MIOT_PLUG("cuco.plug.v3");

    private final String model;

    MiioDeviceKind(String model) {
        this.model = model;
    }

    public String model() {
        return model;
    }

    MiioBehaviour newBehaviour() {
        return this == LEGACY_FAN ? new FanBehaviour() : new PlugBehaviour();
    }
}
