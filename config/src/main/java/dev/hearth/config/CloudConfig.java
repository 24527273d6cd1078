package dev.hearth.config;

import dev.hearth.driver.api.Backoff;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The MQTT 5 link to the cloud.
 *
 * @param enabled     whether to connect at all; defaults to true when a {@code cloud} section is present
 * @param brokers     tcp://, ssl://, ws:// or wss:// URIs, at most {@value #MAX_BROKERS}, no two alike: the nodes
 *                    of one broker cluster, tried in order; the first is the preferred one
 * @param clientId    the MQTT client id; default {@code "hearth-" + gateway.id}
 * @param username    optional MQTT user name
 * @param password    optional MQTT password (the secrets file's {@code mqtt.password} is the other place for it)
 * @param tls         TLS files, only with ssl:// or wss://
 * @param keepAlive   MQTT keep-alive interval
 * @param topicPrefix topics are {@code <topicPrefix>/<home>/<gateway>/...}
 * @param reconnect   reconnect backoff
 * @param outbox      bounds of the store-and-forward outbox
 * @param commands    limits on signed commands
 * @param trustedKeys keys allowed to sign commands; ids unique
 * @param replyTopics the MQTT topic filter that command response topics must match; empty: the
 *                    gateway's default, {@code <topicPrefix>/<home>/replies/#}
 */
public record CloudConfig(boolean enabled, List<URI> brokers, String clientId, Optional<String> username,
                          Optional<Secret> password, Optional<TlsConfig> tls, Duration keepAlive,
                          String topicPrefix, Backoff reconnect, OutboxConfig outbox, CommandsConfig commands,
                          List<TrustedKey> trustedKeys, Optional<String> replyTopics) {
    public static final Set<String> SCHEMES = Set.of("tcp", "ssl", "ws", "wss");
    public static final Set<String> TLS_SCHEMES = Set.of("ssl", "wss");
    public static final URI DEFAULT_BROKER = URI.create("tcp://127.0.0.1:1883");
    public static final String DEFAULT_TOPIC_PREFIX = "hearth/v1";
    /** A cluster's nodes to try in turn; more would only lengthen the time to notice a dead cloud. */
    public static final int MAX_BROKERS = 16;

    public CloudConfig {
        brokers = List.copyOf(brokers);
        if (brokers.isEmpty() || brokers.size() > MAX_BROKERS) {
            throw new IllegalArgumentException("brokers: 1 to " + MAX_BROKERS + " URIs");
        }
        if (brokers.stream().distinct().count() != brokers.size()) throw new IllegalArgumentException("brokers must differ");
        for (URI broker : brokers) {
            if (broker.getScheme() == null || !SCHEMES.contains(broker.getScheme())) {
                throw new IllegalArgumentException("broker must be a tcp://, ssl://, ws:// or wss:// URI");
            }
        }
        // one TLS setting for every node: all secure or all plain
        if (brokers.stream().map(b -> TLS_SCHEMES.contains(b.getScheme())).distinct().count() > 1) {
            throw new IllegalArgumentException("brokers mix TLS (ssl://, wss://) and plain URIs");
        }
        URI broker = brokers.get(0);
        Checks.notBlank(clientId, "clientId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(tls, "tls");
        if (tls.isPresent() && !TLS_SCHEMES.contains(broker.getScheme())) {
            throw new IllegalArgumentException("tls needs an ssl:// or wss:// broker");
        }
        Checks.positive(keepAlive, "keepAlive");
        Checks.notBlank(topicPrefix, "topicPrefix");
        Objects.requireNonNull(reconnect, "reconnect");
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(replyTopics, "replyTopics");
        trustedKeys = List.copyOf(trustedKeys);
        if (trustedKeys.stream().map(TrustedKey::id).distinct().count() != trustedKeys.size()) {
            throw new IllegalArgumentException("trusted key ids must be unique");
        }
    }

    /** One broker (the single {@code cloud.broker} setting). */
    public CloudConfig(boolean enabled, URI broker, String clientId, Optional<String> username,
                       Optional<Secret> password, Optional<TlsConfig> tls, Duration keepAlive,
                       String topicPrefix, Backoff reconnect, OutboxConfig outbox, CommandsConfig commands,
                       List<TrustedKey> trustedKeys, Optional<String> replyTopics) {
        this(enabled, List.of(Objects.requireNonNull(broker, "broker")), clientId, username, password, tls, keepAlive,
                topicPrefix, reconnect, outbox, commands, trustedKeys, replyTopics);
    }

    /** The preferred broker: the first of {@link #brokers()}. */
    public URI broker() {
        return brokers.get(0);
    }

    /** Disabled, pointing at a local broker, every limit at its default. */
    public static CloudConfig defaults(String gatewayId) {
        return new CloudConfig(false, DEFAULT_BROKER, "hearth-" + gatewayId, Optional.empty(), Optional.empty(),
                Optional.empty(), Duration.ofSeconds(30), DEFAULT_TOPIC_PREFIX,
                Backoff.doubling(Duration.ofSeconds(1), Duration.ofSeconds(60)), OutboxConfig.defaults(),
                CommandsConfig.defaults(), List.of(), Optional.empty());
    }

    /** The trusted key with this id, if any. */
    public Optional<TrustedKey> trustedKey(String id) {
        return trustedKeys.stream().filter(k -> k.id().equals(id)).findFirst();
    }
}
