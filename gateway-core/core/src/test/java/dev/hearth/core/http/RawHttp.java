package dev.hearth.core.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP/1.1 client on a plain socket, for what real clients refuse to send: pipelined requests,
 * bad percent-encoding, any Host header, garbage. Reads answers one by one (Content-Length bodies).
 */
final class RawHttp implements AutoCloseable {
    /** One answer: status, headers (lower-case names), body. */
    record Answer(int status, Map<String, String> headers, String body) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    private final Socket socket;
    private final InputStream in;

    RawHttp(InetSocketAddress server) throws IOException {
        socket = new Socket();
        socket.connect(server, 5_000);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
    }

    /** A GET with the given Host and extra header lines (each ending in CRLF). */
    static String get(String path, String host, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders + "\r\n";
    }

    RawHttp send(String raw) throws IOException {
        socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /** The next answer; empty when the server closed the connection first. */
    Optional<Answer> read() throws IOException {
        String status = line();
        if (status == null) return Optional.empty();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(); h != null && !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return Optional.of(new Answer(Integer.parseInt(status.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8)));
    }

    /** Whether the server has closed the connection (EOF or reset) within the socket timeout. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    /** Reads lines (an event stream's) until one contains {@code text}; empty at the end of the stream. */
    Optional<String> lineContaining(String text) throws IOException {
        for (String l = line(); l != null; l = line()) {
            if (l.contains(text)) return Optional.of(l);
        }
        return Optional.empty();
    }

    void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
