package dev.hearth.config;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A device configured by hand, for networks mDNS does not reach.
 *
 * @param id       the device id (a topic level); unique among static devices
 * @param protocol the driver's protocol name ({@code native}, {@code miio}, ...)
 * @param model    the device model id the driver looks up in its catalog
 * @param address  where it listens
 * @param secret   its key or token (YAML key {@code secret} or {@code token}), if the protocol needs one
 * @param name     a display name for the registry
 * @param room     the room to put it in on first sight
 * @param path     where the entry is written in the configuration ({@code devices[2]},
 *                 {@code devices.static[2]}), so a problem found later points at it; empty for a
 *                 device not read from a file
 */
public record StaticDevice(String id, String protocol, String model, DeviceAddress address,
                           Optional<SecretSource> secret, Optional<String> name, Optional<String> room, String path) {
    static final Pattern PROTOCOL = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    public StaticDevice {
        Checks.id(id, "device id");
        Objects.requireNonNull(protocol, "protocol");
        if (!PROTOCOL.matcher(protocol).matches()) throw new IllegalArgumentException("invalid protocol name");
        Checks.notBlank(model, "model");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(path, "path");
    }

    /** A device not read from a configuration file (no {@link #path}). */
    public StaticDevice(String id, String protocol, String model, DeviceAddress address,
                        Optional<SecretSource> secret, Optional<String> name, Optional<String> room) {
        this(id, protocol, model, address, secret, name, room, "");
    }
}
