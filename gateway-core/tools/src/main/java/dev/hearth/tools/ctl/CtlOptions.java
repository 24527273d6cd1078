package dev.hearth.tools.ctl;

import dev.hearth.core.cloud.CloudTopics;
import dev.hearth.core.cloud.TlsSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the cloud side of ctl connects and as whom it signs (a picocli mixin). */
public final class CtlOptions {
    @Option(names = "--broker", defaultValue = "tcp://127.0.0.1:1883", description = "MQTT broker URI (default: ${DEFAULT-VALUE})")
    URI broker;

    @Option(names = "--ca", description = "CA file (PEM) for an ssl:// or wss:// broker")
    Path ca;

    @Option(names = "--home", defaultValue = "home", description = "home id (default: ${DEFAULT-VALUE})")
    String home;

    @Option(names = "--gateway", defaultValue = "gateway", description = "gateway id (default: ${DEFAULT-VALUE})")
    String gateway;

    @Option(names = "--prefix", defaultValue = CloudTopics.DEFAULT_PREFIX, description = "topic prefix (default: ${DEFAULT-VALUE})")
    String prefix;

    @Option(names = "--key", description = "private key file (PKCS#8 PEM, from `ctl keys init`)")
    Path key;

    @Option(names = "--key-id", defaultValue = "ctl", description = "the key's id in the gateway's trusted keys (default: ${DEFAULT-VALUE})")
    String keyId;

    @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "how long to wait for the broker and for replies, e.g. 10s, 500ms (default: ${DEFAULT-VALUE})")
    Duration timeout;

    CloudTopics topics() {
        return new CloudTopics(prefix, home, gateway);
    }

    Optional<TlsSettings> tls() {
        return Optional.ofNullable(ca).map(TlsSettings::trusting);
    }
}
