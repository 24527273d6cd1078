package dev.hearth.testkit;

import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Properties;

/**
 * An in-process MQTT 5 broker (Moquette 0.18.3) on 127.0.0.1, no persistence, no telemetry: the
 * stand-in cloud of {@code hearth demo} and of quick tests. Never a substitute for Mosquitto in
 * the tests that matter. Stopping takes about 2 s (Netty's quiet period).
 */
public final class EmbeddedBroker implements AutoCloseable {
    private final Server server;
    private final int port;
    private boolean running;

    private EmbeddedBroker(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a broker on 127.0.0.1:{@code port} (a port the caller picked: Moquette fills getPort() in late). */
    public static EmbeddedBroker start(int port) {
        var p = new Properties();
        p.setProperty(BrokerConstants.HOST_PROPERTY_NAME, "127.0.0.1");
        p.setProperty(BrokerConstants.PORT_PROPERTY_NAME, Integer.toString(port));
        p.setProperty(BrokerConstants.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
        p.setProperty(BrokerConstants.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        p.setProperty(BrokerConstants.ENABLE_TELEMETRY_NAME, "false");
        p.setProperty(BrokerConstants.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        p.setProperty(BrokerConstants.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(4 * 1024 * 1024));
        var server = new Server();
        try {
            server.startServer(new MemoryConfig(p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded MQTT broker on 127.0.0.1:" + port, e);
        }
        var broker = new EmbeddedBroker(server, port);
        broker.running = true;
        return broker;
    }

    public int port() {
        return port;
    }

    public URI uri() {
        return URI.create("tcp://127.0.0.1:" + port);
    }

    public synchronized void stop() {
        if (running) {
            running = false;
            server.stopServer();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
