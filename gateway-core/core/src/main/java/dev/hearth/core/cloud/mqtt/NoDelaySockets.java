package dev.hearth.core.cloud.mqtt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories that turn Nagle's algorithm off. A command reply is a small write right after
 * the PUBACK of the command; with Nagle on it waits for the broker's delayed ACK (~40 ms). Used by
 * the bridge and by the cloud-side {@code CommandClient} (whose requests are small writes too).
 */
public final class NoDelaySockets {
    private NoDelaySockets() {
    }

    public static SocketFactory plain() {
        return new Plain(SocketFactory.getDefault());
    }

    public static SSLSocketFactory tls(SSLSocketFactory delegate) {
        return new Tls(delegate);
    }

    private static Socket noDelay(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }

    private static final class Plain extends SocketFactory {
        private final SocketFactory d;

        Plain(SocketFactory d) {
            this.d = d;
        }

        @Override public Socket createSocket() throws IOException { return noDelay(d.createSocket()); }
        @Override public Socket createSocket(String h, int p) throws IOException { return noDelay(d.createSocket(h, p)); }
        @Override public Socket createSocket(String h, int p, InetAddress la, int lp) throws IOException { return noDelay(d.createSocket(h, p, la, lp)); }
        @Override public Socket createSocket(InetAddress h, int p) throws IOException { return noDelay(d.createSocket(h, p)); }
        @Override public Socket createSocket(InetAddress h, int p, InetAddress la, int lp) throws IOException { return noDelay(d.createSocket(h, p, la, lp)); }
    }

    private static final class Tls extends SSLSocketFactory {
        private final SSLSocketFactory d;

        Tls(SSLSocketFactory d) {
            this.d = d;
        }

        @Override public String[] getDefaultCipherSuites() { return d.getDefaultCipherSuites(); }
        @Override public String[] getSupportedCipherSuites() { return d.getSupportedCipherSuites(); }
        @Override public Socket createSocket() throws IOException { return noDelay(d.createSocket()); }
        @Override public Socket createSocket(Socket s, String h, int p, boolean close) throws IOException { return noDelay(d.createSocket(s, h, p, close)); }
        @Override public Socket createSocket(String h, int p) throws IOException { return noDelay(d.createSocket(h, p)); }
        @Override public Socket createSocket(String h, int p, InetAddress la, int lp) throws IOException { return noDelay(d.createSocket(h, p, la, lp)); }
        @Override public Socket createSocket(InetAddress h, int p) throws IOException { return noDelay(d.createSocket(h, p)); }
        @Override public Socket createSocket(InetAddress h, int p, InetAddress la, int lp) throws IOException { return noDelay(d.createSocket(h, p, la, lp)); }
    }
}
