package dev.hearth.driver.api.model.miot;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A MIoT spec URN, {@code urn:<namespace>:<kind>:<name>:<hex>[:<vendor-product>:<version>[:<suffix>]]},
 * e.g. {@code urn:miot-spec-v2:property:on:00000006:dmaker-p9:1}. Vendor namespaces
 * ({@code urn:yeelink-spec:...}) parse too; only {@link #STANDARD} names mean what the privacy
 * table says they mean.
 */
public record SpecUrn(String namespace, String kind, String name, String hex, Optional<String> vendorProduct,
                      Optional<Integer> version, String text) {

    /** The namespace of Xiaomi's standard definitions. */
    public static final String STANDARD = "miot-spec-v2";

    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]{1,16}");
    private static final int MAX_LENGTH = 256;

    public SpecUrn {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hex, "hex");
        Objects.requireNonNull(vendorProduct, "vendorProduct");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(text, "text");
    }

    /** The URN, or empty when {@code text} is not one (wrong prefix, too few segments, odd characters). */
    public static Optional<SpecUrn> parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) return Optional.empty();
        String[] s = text.split(":", -1);
        if (s.length < 5 || s.length > 8 || !s[0].equals("urn")) return Optional.empty();
        String namespace = s[1].toLowerCase(Locale.ROOT);
        String kind = s[2].toLowerCase(Locale.ROOT);
        String name = s[3].toLowerCase(Locale.ROOT);
        if (!SEGMENT.matcher(namespace).matches() || !SEGMENT.matcher(kind).matches() || !SEGMENT.matcher(name).matches()
                || !HEX.matcher(s[4]).matches()) {
            return Optional.empty();
        }
        Optional<String> vendorProduct = Optional.empty();
        Optional<Integer> version = Optional.empty();
        if (s.length >= 6) {
            if (!SEGMENT.matcher(s[5].toLowerCase(Locale.ROOT)).matches()) return Optional.empty();
            vendorProduct = Optional.of(s[5]);
        }
        if (s.length >= 7) {
            try {
                int v = Integer.parseInt(s[6]);
                if (v < 0) return Optional.empty();
                version = Optional.of(v);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new SpecUrn(namespace, kind, name, s[4], vendorProduct, version, text));
    }

    /** Whether this is one of Xiaomi's standard definitions, as opposed to a vendor's own. */
    public boolean standard() {
        return namespace.equals(STANDARD);
    }

    @Override
    public String toString() { return text; }
}
