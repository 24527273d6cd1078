package dev.hearth.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the whole YAML tree into a {@link HearthConfig}, section by section, collecting problems. The
 * home, gateway, discovery and http sections are small enough to read here; the others have their
 * own readers.
 */
final class ConfigTreeReader {
    private static final Pattern SERVICE_TYPE = Pattern.compile("_[A-Za-z0-9-]{1,63}\\._(tcp|udp)\\.local\\.");
    private static final String PLACEHOLDER = "invalid";

    private final ReadContext ctx;

    ConfigTreeReader(ReadContext ctx) {
        this.ctx = ctx;
    }

    /** The config; meaningful only if no problem was reported. */
    HearthConfig read(JsonNode root) {
        YamlSection top = YamlSection.of(root, "", ctx).orElseGet(() -> YamlSection.empty("", ctx));
        if (!top.has("home")) ctx.problems().add("home", "is required (id, owner)");
        if (!top.has("gateway")) ctx.problems().add("gateway", "is required (id)");
        HomeConfig home = home(top.sectionOrEmpty("home"));
        GatewayConfig gateway = gateway(top.sectionOrEmpty("gateway"));
        DiscoveryConfig discovery = discovery(top.sectionOrEmpty("discovery"));
        DevicesReader devicesReader = new DevicesReader(ctx);
        List<StaticDevice> devices = devicesReader.read(top);
        CloudConfig cloud = new CloudReader(ctx).read(top.section("cloud"), gateway.id());
        HttpConfig http = http(top.sectionOrEmpty("http"));
        PrivacyConfig privacy = new PrivacyReader(ctx).read(top.sectionOrEmpty("privacy"));
        OnlineConfig online = new OnlineReader(ctx).read(top.sectionOrEmpty("online"));
        top.finish();
        return ctx.build("", () -> new HearthConfig(home, gateway, discovery, devices, cloud, http, privacy, online,
                devicesReader.allowInsecureV1()),
                () -> HearthConfig.defaults(PLACEHOLDER, PLACEHOLDER, PLACEHOLDER));
    }

    private HomeConfig home(YamlSection s) {
        Optional<String> id = s.requiredId("id");
        Optional<String> owner = s.requiredText("owner");
        Optional<String> name = s.text("name");
        if (name.isPresent() && name.get().isBlank()) s.problem("name", "must not be blank");
        int maxShares = s.integer("maxShares", HomeConfig.DEFAULT_MAX_SHARES, 1, 1_000_000);
        // absent: the data directory decides (a new home gets users, one made before the setting keeps cloud)
        Optional<TrustMode> trust = s.has("trust") ? Optional.of(s.choice("trust", TrustMode.class, TrustMode.USERS)) : Optional.empty();
        s.finish();
        HomeConfig placeholder = new HomeConfig(PLACEHOLDER, PLACEHOLDER, PLACEHOLDER);
        if (id.isEmpty() || owner.isEmpty()) return placeholder;
        return ctx.build(s.path(), () -> new HomeConfig(id.get(), name.orElse(id.get()), owner.get(), maxShares, trust), () -> placeholder);
    }

    private GatewayConfig gateway(YamlSection s) {
        String id = s.requiredId("id").orElse(PLACEHOLDER);
        Path dataDir = ctx.resolve(s.text("dataDir", GatewayConfig.DEFAULT_DATA_DIR.toString()));
        Path secretsFile = s.text("secretsFile").map(ctx::resolve)
                .orElse(dataDir.resolve(GatewayConfig.DEFAULT_SECRETS_FILE));
        AuditLogConfig auditLog = auditLog(s.sectionOrEmpty("auditLog"));
        s.finish();
        return ctx.build(s.path(), () -> new GatewayConfig(id, dataDir, secretsFile, auditLog), () -> GatewayConfig.defaults(PLACEHOLDER));
    }

    private AuditLogConfig auditLog(YamlSection a) {
        AuditLogConfig d = AuditLogConfig.DEFAULTS;
        DataSize size = a.size("maxFileSize", d.maxFileSize());
        Duration age = a.duration("maxFileAge", d.maxFileAge());
        int files = a.integer("maxFiles", d.maxFiles(), 1, 100);
        a.finish();
        return ctx.build(a.path(), () -> new AuditLogConfig(size, age, files), () -> d);
    }

    private DiscoveryConfig discovery(YamlSection s) {
        DiscoveryConfig d = DiscoveryConfig.defaults();
        boolean enabled = s.bool("enabled", d.enabled());
        List<Inet4Address> interfaces = new ArrayList<>();
        boolean explicit = s.has("interfaces");
        List<String> given = s.textList("interfaces", List.of("127.0.0.1"));
        for (int i = 0; i < given.size(); i++) {
            Optional<Inet4Address> a = Addresses.ipv4(given.get(i).strip());
            if (a.isPresent()) interfaces.add(a.get());
            else ctx.problems().add(s.itemPath("interfaces", i), YamlSection.quote(given.get(i)) + " is not an IPv4 address");
        }
        if (enabled && explicit && given.isEmpty()) s.problem("interfaces", "must name at least one IPv4 address while discovery is enabled");
        List<String> types = s.textList("serviceTypes", List.of());
        for (int i = 0; i < types.size(); i++) {
            if (!SERVICE_TYPE.matcher(types.get(i)).matches()) {
                ctx.problems().add(s.itemPath("serviceTypes", i),
                        YamlSection.quote(types.get(i)) + " is not an mDNS service type like _hearth._tcp.local.");
            }
        }
        Duration requery = s.duration("requeryEvery", d.requeryEvery());
        int inboxMax = s.integer("inboxMaxEntries", d.inboxMaxEntries(), 1, 100_000);
        Duration inboxExpiry = s.duration("inboxExpireAfter", d.inboxExpireAfter());
        s.finish();
        return ctx.build(s.path(), () -> new DiscoveryConfig(enabled, interfaces, types, requery, inboxMax, inboxExpiry),
                DiscoveryConfig::defaults);
    }

    private HttpConfig http(YamlSection s) {
        HttpConfig d = HttpConfig.defaults();
        boolean enabled = s.bool("enabled", d.enabled());
        InetAddress bind = d.bind();
        Optional<String> bindText = s.text("bind");
        if (bindText.isPresent()) {
            Optional<Inet4Address> a = Addresses.ipv4(bindText.get().strip());
            if (a.isPresent()) bind = a.get();
            else s.problem("bind", YamlSection.quote(bindText.get()) + " is not an IPv4 address");
        }
        int port = s.integer("port", d.port(), 0, 65535);
        int maxConnections = s.integer("maxConnections", d.maxConnections(), 1, 100_000);
        java.time.Duration idle = s.duration("idleTimeout", d.idleTimeout());
        List<String> names = new ArrayList<>();
        List<JsonNode> items = s.list("hostNames");
        for (int i = 0; i < items.size(); i++) {
            String n = items.get(i).asText("").strip();
            if (!items.get(i).isTextual() || !n.matches("[A-Za-z0-9.-]{1,253}")) {
                ctx.problems().add(s.itemPath("hostNames", i), "expected a host name (letters, digits, dots, hyphens)");
            } else {
                names.add(n);
            }
        }
        s.finish();
        InetAddress finalBind = bind;
        return ctx.build(s.path(), () -> new HttpConfig(enabled, finalBind, port, maxConnections, idle, names), HttpConfig::defaults);
    }
}
