package dev.hearth.core.access;

/**
 * What a share covers, and what an access decision is about: one device, one room (whatever
 * devices are in it at the time of the decision), or the whole home.
 */
public sealed interface Scope permits DeviceScope, RoomScope, HomeScope {

    /** The whole home. */
    HomeScope HOME = new HomeScope();

    /** The stored and logged form: {@code device:<id>}, {@code room:<id>} or {@code home}. */
    String key();

    /** Parses {@link #key()}; throws IllegalArgumentException on anything else. */
    static Scope parse(String key) {
        if (key.equals("home")) return HOME;
        if (key.startsWith("device:")) return new DeviceScope(key.substring("device:".length()));
        if (key.startsWith("room:")) return new RoomScope(key.substring("room:".length()));
        throw new IllegalArgumentException("not a scope: " + key);
    }
}
