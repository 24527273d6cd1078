package dev.hearth.driver.miio;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mDNS instance name of a miIO device: {@code <model with dots as dashes>_miio<decimal did>},
 * e.g. {@code zhimi-fan-sa1_miio1718865432}.
 */
public record MiioInstanceName(String model, long deviceId) {
    private static final Pattern NAME = Pattern.compile("([a-z0-9][a-z0-9-]*)_miio([0-9]{1,10})", Pattern.CASE_INSENSITIVE);

    public MiioInstanceName {
        if (model.isBlank()) throw new IllegalArgumentException("model must not be blank");
        if (deviceId <= 0 || deviceId > 0xffff_ffffL) throw new IllegalArgumentException("device id out of range: " + deviceId);
    }

    /** Parses an instance name; empty when it is not one of a miIO device. */
    public static Optional<MiioInstanceName> parse(String instance) {
        Matcher m = NAME.matcher(instance.strip());
        if (!m.matches()) return Optional.empty();
        long did = Long.parseLong(m.group(2));
        if (did <= 0 || did > 0xffff_ffffL) return Optional.empty();
        return Optional.of(new MiioInstanceName(m.group(1).toLowerCase(java.util.Locale.ROOT).replace('-', '.'), did));
    }

    /** The instance name a device of this model and id announces. */
    public String format() {
        return model.replace('.', '-') + "_miio" + deviceId;
    }

    /** The gateway's device id for it, also the key of its token in the secrets file. */
    public String gatewayDeviceId() {
        return gatewayDeviceId(deviceId);
    }

    public static String gatewayDeviceId(long deviceId) {
        return "miio-" + deviceId;
    }

    /**
     * The gateway's id for a device written as {@code id}: a bare did ({@code 1718865432}) is
     * {@code miio-1718865432}, the id discovery gives it; any other id stays as written.
     */
    public static String canonicalDeviceId(String id) {
        String s = id.strip();
        if (!s.matches("[0-9]{1,10}")) return id;
        long did = Long.parseLong(s);
        return did > 0 && did <= 0xffff_ffffL ? gatewayDeviceId(did) : id;
    }
}
