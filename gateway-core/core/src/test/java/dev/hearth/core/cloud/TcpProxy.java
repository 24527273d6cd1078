package dev.hearth.core.cloud;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process TCP proxy on 127.0.0.1 in front of a broker, to cut the link in tests:
 * {@link #reset()} kills current connections with a TCP RST (the client notices at once);
 * {@link #blackhole()} silently stops forwarding (the client notices at its keep-alive timeout);
 * {@link #refuse()} closes new connections at once; {@link #heal()} forwards again.
 */
public final class TcpProxy implements AutoCloseable {
    private enum Mode { FORWARD, BLACKHOLE, REFUSE }

    private final ServerSocket server;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.FORWARD;
    private volatile boolean closed;

    public TcpProxy(int targetPort) {
        this.target = targetPort;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon(this::acceptLoop, "proxy-accept");
    }

    public int port() {
        return server.getLocalPort();
    }

    public URI uri() {
        return URI.create("tcp://127.0.0.1:" + port());
    }

    public void reset() {
        for (Socket s : sockets) {
            try {
                s.setSoLinger(true, 0); // close with RST
                s.close();
            } catch (IOException e) {
                // already gone
            }
        }
        sockets.clear();
    }

    public void blackhole() {
        mode = Mode.BLACKHOLE;
    }

    public void refuse() {
        mode = Mode.REFUSE;
        reset();
    }

    /** Forwards again; connections that lived through a blackhole have lost bytes, so they are reset. */
    public void heal() {
        Mode was = mode;
        mode = Mode.FORWARD;
        if (was == Mode.BLACKHOLE) reset();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                if (mode == Mode.REFUSE) {
                    client.setSoLinger(true, 0);
                    client.close();
                    continue;
                }
                Socket upstream = new Socket();
                try {
                    upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 2000);
                } catch (IOException e) {
                    client.setSoLinger(true, 0);
                    client.close();
                    continue;
                }
                sockets.add(client);
                sockets.add(upstream);
                daemon(() -> pump(client, upstream), "proxy-up");
                daemon(() -> pump(upstream, client), "proxy-down");
            } catch (IOException e) {
                if (!closed) continue;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buf = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (mode == Mode.BLACKHOLE) continue; // swallowed
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed or was reset
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static void daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        reset();
    }
}
