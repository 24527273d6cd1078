package dev.hearth.config;

import java.net.InetAddress;
import java.util.Objects;

/**
 * The local HTTP API and web page.
 *
 * @param bind an IPv4 address literal (built without DNS lookup); default 127.0.0.1
 * @param port 1-65535, or 0 for any free port (tests)
 */
public record HttpConfig(boolean enabled, InetAddress bind, int port) {
    public static final int DEFAULT_PORT = 8080;

    public HttpConfig {
        Objects.requireNonNull(bind, "bind");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range");
    }

    public static HttpConfig defaults() {
        return new HttpConfig(true, DiscoveryConfig.loopback(), DEFAULT_PORT);
    }
}
