package dev.hearth.core.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The bounds of the local HTTP server.
 *
 * @param maxConnections open connections at most; more are answered 503 and closed at once
 * @param idleTimeout a connection with no request in progress and no traffic for this long is closed
 * @param maxPipelined requests a client may send ahead of their answers on one connection; one more
 *                     is answered 503 and the connection closed
 * @param hostNames names the Host header may carry besides the bind address (see {@link HostCheck})
 * @param handlerThreads threads that run route handlers (off the event loop: they may write SQLite)
 * @param handlerQueue requests waiting for a handler thread at most; one more is answered 503
 */
public record HttpLimits(int maxConnections, Duration idleTimeout, int maxPipelined, Set<String> hostNames,
                         int handlerThreads, int handlerQueue) {
    public static final int DEFAULT_HANDLER_THREADS = 2;
    public static final int DEFAULT_HANDLER_QUEUE = 64;
    public static final HttpLimits DEFAULTS = new HttpLimits(256, Duration.ofSeconds(60), 16, Set.of());

    public HttpLimits(int maxConnections, Duration idleTimeout, int maxPipelined, Set<String> hostNames) {
        this(maxConnections, idleTimeout, maxPipelined, hostNames, DEFAULT_HANDLER_THREADS, DEFAULT_HANDLER_QUEUE);
    }

    public HttpLimits {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be at least 1");
        if (maxPipelined < 1) throw new IllegalArgumentException("maxPipelined must be at least 1");
        if (handlerThreads < 1 || handlerQueue < 1) throw new IllegalArgumentException("handlerThreads and handlerQueue must be at least 1");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) throw new IllegalArgumentException("idleTimeout must be positive");
        hostNames = Set.copyOf(hostNames);
    }
}
