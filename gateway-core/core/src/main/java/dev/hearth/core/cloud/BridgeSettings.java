package dev.hearth.core.cloud;

import dev.hearth.config.Secret;
import dev.hearth.driver.api.Backoff;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the bridge reaches the cloud's broker. The lead maps the configuration file onto this.
 *
 * @param brokers the nodes of the cloud's broker cluster, tcp://, ssl://, ws:// or wss:// with host and
 *     port, all secure or all plain, no two alike: the link connects to the first that answers and
 *     moves to the next on a loss; the first is the preferred one
 * @param maxInFlight our own cap on unacknowledged QoS 1 publishes; the broker's Receive Maximum
 *     (from CONNACK) lowers it further
 * @param maxInboundPacketBytes the MQTT 5 Maximum Packet Size we announce: the broker drops larger
 *     messages for us instead of sending them
 * @param replyTopics where command replies may go; a command with another response topic is dropped
 */
public record BridgeSettings(
        List<URI> brokers,
        String clientId,
        Optional<String> username,
        Optional<Secret> password,
        Optional<TlsSettings> tls,
        CloudTopics topics,
        Duration keepAlive,
        Duration connectTimeout,
        int maxInFlight,
        int maxInboundPacketBytes,
        Backoff reconnect,
        String gatewayVersion,
        ReplyTopics replyTopics) {

    private static final Set<String> SCHEMES = Set.of("tcp", "ssl", "ws", "wss");

    /** As the configuration allows. */
    public static final int MAX_BROKERS = 16;

    public BridgeSettings {
        brokers = List.copyOf(brokers);
        if (brokers.isEmpty() || brokers.size() > MAX_BROKERS) throw new IllegalArgumentException("1 to " + MAX_BROKERS + " broker URIs");
        if (brokers.stream().distinct().count() != brokers.size()) throw new IllegalArgumentException("broker URIs must differ: " + brokers);
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(reconnect, "reconnect");
        Objects.requireNonNull(gatewayVersion, "gatewayVersion");
        Objects.requireNonNull(replyTopics, "replyTopics");
        for (URI brokerUri : brokers) {
            String scheme = brokerUri.getScheme();
            if (scheme == null || !SCHEMES.contains(scheme) || brokerUri.getHost() == null || brokerUri.getPort() <= 0) {
                throw new IllegalArgumentException("broker URI must be tcp://, ssl://, ws:// or wss:// with a host and a port: " + brokerUri);
            }
            if (brokerUri.getUserInfo() != null) throw new IllegalArgumentException("credentials go in username/password, not in the broker URI");
            boolean secure = scheme.equals("ssl") || scheme.equals("wss");
            if (secure && tls.isEmpty()) throw new IllegalArgumentException(scheme + ":// needs TLS settings (a CA file)");
            if (!secure && tls.isPresent()) throw new IllegalArgumentException("TLS settings given for a plain " + scheme + ":// broker URI");
        }
        if (clientId.isEmpty() || clientId.length() > 128) throw new IllegalArgumentException("client id must be 1-128 characters");
        if (password.isPresent() && username.isEmpty()) throw new IllegalArgumentException("a password needs a username");
        if (keepAlive.getSeconds() < 1 || keepAlive.getSeconds() > 65535) throw new IllegalArgumentException("keep-alive must be 1-65535 s");
        if (connectTimeout.getSeconds() < 1) throw new IllegalArgumentException("connect timeout must be at least 1 s");
        if (maxInFlight < 1 || maxInFlight > 65535) throw new IllegalArgumentException("maxInFlight must be 1-65535");
        if (maxInboundPacketBytes < 1024) throw new IllegalArgumentException("maxInboundPacketBytes must be at least 1024");
    }

    /** Plain TCP, no authentication, defaults for the rest: for tests and the demo. */
    public static BridgeSettings plain(URI brokerUri, String clientId, CloudTopics topics) {
        return new BridgeSettings(List.of(brokerUri), clientId, Optional.empty(), Optional.empty(), Optional.empty(), topics,
                Duration.ofSeconds(30), Duration.ofSeconds(10), 64, 2 * 1024 * 1024, Backoff.doubling(Duration.ofMillis(500), Duration.ofSeconds(60)), "dev",
                ReplyTopics.defaults(topics));
    }

    public BridgeSettings withTls(URI sslUri, TlsSettings tlsSettings) {
        return new BridgeSettings(List.of(sslUri), clientId, username, password, Optional.of(tlsSettings), topics, keepAlive,
                connectTimeout, maxInFlight, maxInboundPacketBytes, reconnect, gatewayVersion, replyTopics);
    }

    /** The preferred broker: the first of {@link #brokers()}. */
    public URI brokerUri() {
        return brokers.get(0);
    }

    /** The nodes of a broker cluster, in the order the link tries them. */
    public BridgeSettings withBrokers(List<URI> nodes) {
        return new BridgeSettings(nodes, clientId, username, password, tls, topics, keepAlive,
                connectTimeout, maxInFlight, maxInboundPacketBytes, reconnect, gatewayVersion, replyTopics);
    }

    public BridgeSettings withCredentials(String user, Secret secret) {
        return new BridgeSettings(brokers, clientId, Optional.of(user), Optional.of(secret), tls, topics, keepAlive,
                connectTimeout, maxInFlight, maxInboundPacketBytes, reconnect, gatewayVersion, replyTopics);
    }

    public BridgeSettings withReconnect(Backoff policy) {
        return new BridgeSettings(brokers, clientId, username, password, tls, topics, keepAlive, connectTimeout,
                maxInFlight, maxInboundPacketBytes, policy, gatewayVersion, replyTopics);
    }

    public BridgeSettings withKeepAlive(Duration interval) {
        return new BridgeSettings(brokers, clientId, username, password, tls, topics, interval, connectTimeout,
                maxInFlight, maxInboundPacketBytes, reconnect, gatewayVersion, replyTopics);
    }

    public BridgeSettings withReplyTopics(ReplyTopics rules) {
        return new BridgeSettings(brokers, clientId, username, password, tls, topics, keepAlive, connectTimeout,
                maxInFlight, maxInboundPacketBytes, reconnect, gatewayVersion, rules);
    }

    public BridgeSettings withMaxInFlight(int max) {
        return new BridgeSettings(brokers, clientId, username, password, tls, topics, keepAlive, connectTimeout,
                max, maxInboundPacketBytes, reconnect, gatewayVersion, replyTopics);
    }
}
