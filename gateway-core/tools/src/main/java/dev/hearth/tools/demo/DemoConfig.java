package dev.hearth.tools.demo;

import dev.hearth.config.CloudConfig;
import dev.hearth.config.DiscoveryConfig;
import dev.hearth.config.GatewayConfig;
import dev.hearth.config.HearthConfig;
import dev.hearth.config.HomeConfig;
import dev.hearth.config.HttpConfig;
import dev.hearth.config.StaticDevice;
import dev.hearth.config.TrustedKey;
import java.net.URI;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;

/** The demo gateway's configuration: one home, the embedded broker as its cloud, the demo's command key trusted. */
public final class DemoConfig {
    public static final String HOME = "demo-home";
    public static final String GATEWAY = "demo-gw";
    public static final String OWNER = "alice";
    public static final String GUEST = "bob";
    public static final String KEY_ID = "demo-cloud";
    public static final String SECRETS_FILE = "secrets.yaml";

    private DemoConfig() {
    }

    /**
     * @param mdns          browse by mDNS on 127.0.0.1 (inside a private namespace only)
     * @param staticDevices the devices to use without discovery (empty with mDNS)
     */
    public static HearthConfig of(DemoOptions options, Path dataDir, boolean mdns, List<StaticDevice> staticDevices,
                                  PublicKey commandKey) {
        HearthConfig d = HearthConfig.defaults(HOME, GATEWAY, OWNER);
        CloudConfig c = CloudConfig.defaults(GATEWAY);
        CloudConfig cloud = new CloudConfig(true, URI.create("tcp://127.0.0.1:" + options.brokerPort()), c.clientId(),
                Optional.empty(), Optional.empty(), Optional.empty(), c.keepAlive(), c.topicPrefix(), c.reconnect(),
                c.outbox(), c.commands(), List.of(new TrustedKey(KEY_ID, commandKey)), c.replyTopics());
        return new HearthConfig(new HomeConfig(HOME, "Demo home", OWNER),
                new GatewayConfig(GATEWAY, dataDir, dataDir.resolve(SECRETS_FILE)),
                mdns ? DiscoveryConfig.defaults() : new DiscoveryConfig(false, List.of(), List.of()),
                staticDevices, cloud, new HttpConfig(true, DiscoveryConfig.loopback(), options.httpPort()),
                d.privacy(), d.online());
    }
}
