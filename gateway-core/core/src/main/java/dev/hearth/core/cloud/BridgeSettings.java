package dev.hearth.core.cloud;

import dev.hearth.config.Secret;
import dev.hearth.driver.api.Backoff;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the bridge reaches the cloud's broker. The lead maps the configuration file onto this.
 *
 * @param brokerUri tcp://, ssl://, ws:// or wss:// with host and port
 * @param maxInFlight our own cap on unacknowledged QoS 1 publishes; the broker's Receive Maximum
 *     (from CONNACK) lowers it further
 * @param maxInboundPacketBytes the MQTT 5 Maximum Packet Size we announce: the broker drops larger
 *     messages for us instead of sending them
 * @param replyTopics where command replies may go; a command with another response topic is dropped
 */
public record BridgeSettings(
        URI brokerUri,
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

    public BridgeSettings {
        Objects.requireNonNull(brokerUri, "brokerUri");
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
        String scheme = brokerUri.getScheme();
        if (scheme == null || !SCHEMES.contains(scheme) || brokerUri.getHost() == null || brokerUri.getPort() <= 0) {
            throw new IllegalArgumentException("broker URI must be tcp://, ssl://, ws:// or wss:// with a host and a port: " + brokerUri);
        }
        boolean secure = scheme.equals("ssl") || scheme.equals("wss");
        if (secure && tls.isEmpty()) throw new IllegalArgumentException(scheme + ":// needs TLS settings (a CA file)");
        if (!secure && tls.isPresent()) throw new IllegalArgumentException("TLS settings given for a plain " + scheme + ":// broker URI");
        if (clientId.isEmpty() || clientId.length() > 128) throw new IllegalArgumentException("client id must be 1-128 characters");
        if (password.isPresent() && username.isEmpty()) throw new IllegalArgumentException("a password needs a username");
        if (keepAlive.getSeconds() < 1 || keepAlive.getSeconds() > 65535) throw new IllegalArgumentException("keep-alive must be 1-65535 s");
        if (connectTimeout.getSeconds() < 1) throw new IllegalArgumentException("connect timeout must be at least 1 s");
        if (maxInFlight < 1 || maxInFlight > 65535) throw new IllegalArgumentException("maxInFlight must be 1-65535");
        if (maxInboundPacketBytes < 1024) throw new IllegalArgumentException("maxInboundPacketBytes must be at least 1024");
    }

    /** Plain TCP, no authentication, defaults for the rest: for tests and the demo. */
    public static BridgeSettings plain(URI brokerUri, String clientId, CloudTopics topics) {
        return new BridgeSettings(brokerUri, clientId, Optional.empty(), Optional.empty(), Optional.empty(), topics,
                Duration.ofSeconds(30), Duration.ofSeconds(10), 64, 2 * 1024 * 1024, Backoff.doubling(Duration.ofMillis(500), Duration.ofSeconds(60)), "dev",
                ReplyTopics.defaults(topics));
    }

    public BridgeSettings withTls(URI sslUri, TlsSettings tlsSettings) {
        return new BridgeSettings(sslUri, clientId, username, password, Optional.of(tlsSettings), topics, keepAlive,
                connectTimeout, maxInFlight, maxInboundPacketBytes, reconnect, gatewayVersion, replyTopics);
    }

    public BridgeSettings withCredentials(String user, Secret secret) {
        return new BridgeSettings(brokerUri, clientId, Optional.of(user), Optional.of(secret), tls, topics, keepAlive,
                connectTimeout, maxInFlight, maxInboundPacketBytes, reconnect, gatewayVersion, replyTopics);
    }

    public BridgeSettings withReconnect(Backoff policy) {
        return new BridgeSettings(brokerUri, clientId, username, password, tls, topics, keepAlive, connectTimeout,
                maxInFlight, maxInboundPacketBytes, policy, gatewayVersion, replyTopics);
    }

    public BridgeSettings withKeepAlive(Duration interval) {
        return new BridgeSettings(brokerUri, clientId, username, password, tls, topics, interval, connectTimeout,
                maxInFlight, maxInboundPacketBytes, reconnect, gatewayVersion, replyTopics);
    }

    public BridgeSettings withReplyTopics(ReplyTopics rules) {
        return new BridgeSettings(brokerUri, clientId, username, password, tls, topics, keepAlive, connectTimeout,
                maxInFlight, maxInboundPacketBytes, reconnect, gatewayVersion, rules);
    }

    public BridgeSettings withMaxInFlight(int max) {
        return new BridgeSettings(brokerUri, clientId, username, password, tls, topics, keepAlive, connectTimeout,
                max, maxInboundPacketBytes, reconnect, gatewayVersion, replyTopics);
    }
}
