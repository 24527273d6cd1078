package dev.hearth.tools.demo;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays every connection accepted on one address to another, byte for byte, both ways. The demo
 * runs inside a private network namespace; a Unix domain socket crosses the namespace boundary
 * (it lives in the file system), so the host's 127.0.0.1:8080 reaches the namespace's
 * 127.0.0.1:8080 through {@code TCP -> unix socket -> TCP}. Blocking I/O on daemon threads: the
 * demo has a handful of connections.
 */
public final class SocketRelay implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(SocketRelay.class);
    private final ServerSocketChannel server;
    private final SocketAddress target;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "relay");
        t.setDaemon(true);
        return t;
    });

    private SocketRelay(ServerSocketChannel server, SocketAddress target) {
        this.server = server;
        this.target = target;
    }

    /** Listens on {@code listen} (TCP or Unix) and relays each connection to {@code target}. */
    public static SocketRelay start(SocketAddress listen, SocketAddress target) throws IOException {
        ServerSocketChannel server;
        if (listen instanceof UnixDomainSocketAddress unix) {
            Files.deleteIfExists(unix.getPath());
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        } else {
            server = ServerSocketChannel.open();
            server.socket().setReuseAddress(true);
        }
        server.bind(listen);
        SocketRelay relay = new SocketRelay(server, target);
        relay.threads.execute(relay::acceptLoop);
        return relay;
    }

    public SocketAddress localAddress() throws IOException {
        return server.getLocalAddress();
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel in = server.accept();
                SocketChannel out;
                try {
                    out = target instanceof UnixDomainSocketAddress
                            ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
                    out.connect(target);
                } catch (IOException e) {
                    LOG.debug("relay target {} not reachable: {}", target, e.toString());
                    in.close();
                    continue;
                }
                threads.execute(() -> pump(in, out));
                threads.execute(() -> pump(out, in));
            } catch (IOException e) {
                if (server.isOpen()) LOG.debug("relay accept failed: {}", e.toString());
            }
        }
    }

    private static void pump(SocketChannel from, SocketChannel to) {
        ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
        try {
            while (from.read(buf) >= 0) {
                buf.flip();
                while (buf.hasRemaining()) to.write(buf);
                buf.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already closed by the other direction
        }
    }

    @Override
    public void close() throws IOException {
        SocketAddress bound = server.getLocalAddress();
        server.close();
        threads.shutdownNow();
        if (bound instanceof UnixDomainSocketAddress unix) {
            Files.deleteIfExists(unix.getPath());
        }
    }
}
