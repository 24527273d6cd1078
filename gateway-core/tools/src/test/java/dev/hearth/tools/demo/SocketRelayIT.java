package dev.hearth.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketRelayIT {

    @Test
    void relaysTcpThroughAUnixSocketToTcpBothWays(@TempDir Path dir) throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket echo = new ServerSocket(0, 5, lo)) {
            CompletableFuture<Void> echoing = CompletableFuture.runAsync(() -> {
                try (Socket s = echo.accept()) {
                    byte[] buf = new byte[5];
                    new DataInputStream(s.getInputStream()).readFully(buf);
                    s.getOutputStream().write(("echo:" + new String(buf, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            UnixDomainSocketAddress unix = UnixDomainSocketAddress.of(dir.resolve("relay.sock"));
            try (SocketRelay inner = SocketRelay.start(unix, new InetSocketAddress(lo, echo.getLocalPort()));
                 SocketRelay outer = SocketRelay.start(new InetSocketAddress(lo, 0), unix);
                 Socket client = new Socket(lo, ((InetSocketAddress) outer.localAddress()).getPort())) {
                OutputStream out = client.getOutputStream();
                out.write("hello".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                byte[] reply = new byte[10];
                client.setSoTimeout(10_000);
                new DataInputStream(client.getInputStream()).readFully(reply);
                assertThat(new String(reply, StandardCharsets.US_ASCII)).isEqualTo("echo:hello");
                echoing.get(10, TimeUnit.SECONDS);
            }
        }
    }
}
