package dev.hearth.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the {@code devices} section: either a list of static entries (for networks mDNS does not
 * reach), or a mapping {@code { allowInsecureV1: false, static: [ ... ] }} with the same list.
 */
final class DevicesReader {
    private final ReadContext ctx;
    private boolean allowInsecureV1;

    DevicesReader(ReadContext ctx) {
        this.ctx = ctx;
    }

    /** {@code devices.allowInsecureV1} as read by {@link #read} (false when the section is a list or absent). */
    boolean allowInsecureV1() {
        return allowInsecureV1;
    }

    List<StaticDevice> read(YamlSection top) {
        if (top.isMapping("devices")) {
            YamlSection section = top.sectionOrEmpty("devices");
            allowInsecureV1 = section.bool("allowInsecureV1", false);
            List<StaticDevice> devices = read(section, "static");
            section.finish();
            return devices;
        }
        return read(top, "devices");
    }

    private List<StaticDevice> read(YamlSection top, String key) {
        List<JsonNode> items = top.list(key);
        List<StaticDevice> devices = new ArrayList<>();
        Map<String, Integer> firstIndexOfId = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String path = top.itemPath(key, i);
            Optional<YamlSection> entry = YamlSection.of(items.get(i), path, ctx);
            if (entry.isEmpty()) {
                if (items.get(i).isNull()) ctx.problems().add(path, "empty entry");
                continue;
            }
            Optional<StaticDevice> device = device(entry.get());
            if (device.isEmpty()) continue;
            Integer earlier = firstIndexOfId.putIfAbsent(device.get().id(), i);
            if (earlier != null) {
                ctx.problems().add(path + ".id", "duplicate device id " + YamlSection.quote(device.get().id())
                        + " (also " + top.itemPath(key, earlier) + ")");
            } else {
                devices.add(device.get());
            }
        }
        return devices;
    }

    private Optional<StaticDevice> device(YamlSection s) {
        Optional<String> id = s.requiredId("id");
        Optional<String> protocol = s.requiredText("protocol");
        if (protocol.isPresent() && !StaticDevice.PROTOCOL.matcher(protocol.get()).matches()) {
            s.problem("protocol", YamlSection.quote(protocol.get()) + " is not a protocol name (lower case, like native or miio)");
            protocol = Optional.empty();
        }
        Optional<String> model = s.requiredText("model");
        Optional<DeviceAddress> address = s.requiredText("address").flatMap(a -> address(s, a.strip()));
        Optional<SecretSource> secret = secret(s);
        Optional<String> name = s.text("name");
        Optional<String> room = s.text("room");
        s.finish();
        if (id.isEmpty() || protocol.isEmpty() || model.isEmpty() || address.isEmpty()) return Optional.empty();
        String p = protocol.get();
        return Optional.ofNullable(ctx.build(s.path(),
                () -> new StaticDevice(id.get(), p, model.get(), address.get(), secret, name, room, s.path()), () -> null));
    }

    /** {@code secret} and {@code token} are two names for the same thing (native keys, miIO tokens). */
    private Optional<SecretSource> secret(YamlSection s) {
        boolean hasSecret = s.has("secret");
        boolean hasToken = s.has("token");
        if (hasSecret && hasToken) {
            s.problem("token", "give either secret or token, not both");
            return Optional.empty();
        }
        String key = hasToken ? "token" : "secret";
        Optional<SecretSource> source = s.secretSource(key);
        if (source.isPresent() && source.get() instanceof InlineSecret inline && !isHex(inline.secret().reveal())) {
            s.problem(key, "must be an even number of hexadecimal digits (value not shown)");
            return Optional.empty();
        }
        return source;
    }

    private Optional<DeviceAddress> address(YamlSection s, String text) {
        String host = text;
        OptionalInt port = OptionalInt.empty();
        int colon = text.lastIndexOf(':');
        if (colon >= 0) {
            host = text.substring(0, colon);
            try {
                int p = Integer.parseInt(text.substring(colon + 1));
                if (p < 1 || p > 65535) {
                    s.problem("address", "port must be between 1 and 65535, got " + p);
                    return Optional.empty();
                }
                port = OptionalInt.of(p);
            } catch (NumberFormatException e) {
                s.problem("address", YamlSection.quote(text) + " is not host[:port] (IPv4 address or host name, optional port)");
                return Optional.empty();
            }
        }
        if (!Addresses.validHost(host)) {
            s.problem("address", YamlSection.quote(text) + " is not host[:port] (IPv4 address or host name, optional port)");
            return Optional.empty();
        }
        return Optional.of(new DeviceAddress(host, port));
    }

    static boolean isHex(String text) {
        if (text.isEmpty() || text.length() % 2 != 0) return false;
        try {
            HexFormat.of().parseHex(text);
            return true;
        } catch (IllegalArgumentException notHex) {
            return false;
        }
    }
}
