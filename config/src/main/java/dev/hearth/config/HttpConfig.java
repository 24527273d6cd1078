package dev.hearth.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The local HTTP API and web page.
 *
 * @param bind an IPv4 address literal (built without DNS lookup); default 127.0.0.1
 * @param port 1-65535, or 0 for any free port (tests)
 * @param maxConnections open connections at most; more are answered 503 and closed
 * @param idleTimeout a connection with no request in progress and no traffic for this long is closed
 * @param hostNames the names (besides the bind address and, on loopback, {@code localhost}) a
 *                  request's Host header may carry; anything else is refused (DNS rebinding)
 */
public record HttpConfig(boolean enabled, InetAddress bind, int port, int maxConnections, Duration idleTimeout,
                         List<String> hostNames) {
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    public HttpConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range");
        if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be at least 1");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) throw new IllegalArgumentException("idleTimeout must be positive");
        hostNames = hostNames.stream().map(n -> n.strip().toLowerCase(Locale.ROOT)).toList();
    }

    public HttpConfig(boolean enabled, InetAddress bind, int port) {
        this(enabled, bind, port, DEFAULT_MAX_CONNECTIONS, DEFAULT_IDLE_TIMEOUT, List.of());
    }

    public static HttpConfig defaults() {
        return new HttpConfig(true, DiscoveryConfig.loopback(), DEFAULT_PORT);
    }
}
