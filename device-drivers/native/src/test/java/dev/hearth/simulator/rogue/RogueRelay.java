package dev.hearth.simulator.rogue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A rogue on the LAN between the gateway and a native device: it listens on loopback where the
 * gateway was told the device is (a forged announcement, or a static address), connects to the real
 * device, and relays LAN frames both ways, cutting the stream at the varint32 length prefixes so it
 * can attack single frames. By default it passes everything; {@link #next} arms a one-shot attack on
 * the next frame in one direction (arm it once the session is up, to hit a report or a command rather
 * than the handshake); {@link #inject} writes any bytes now. It works on v1 sessions as on v2 ones.
 * Reusable by any test that needs a hostile relay; one thread per direction per connection.
 */
public final class RogueRelay implements AutoCloseable {

    /** Which way a frame travels. */
    public enum Direction { TO_DEVICE, TO_GATEWAY }

    /** What the relay does to the next frame in a direction. */
    public enum Mode {
        /** Forward it unchanged. */
        PASS,
        /** Flip one bit of its last byte (the GCM tag). */
        FLIP_BIT,
        /** Forward it, then forward it again. */
        REPLAY,
        /** Swallow it; forward what follows. */
        DROP,
        /** Write a frame of our own (sealed-looking: marker, the same counter, random bytes) in front of it. */
        INJECT,
        /** Hold it back and forward it after the frame that follows it. */
        REORDER
    }

    private static final int MAX_FRAME = 16 * 1024 * 1024;
    private static final int MAX_LOGGED = 10_000;

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Map<Direction, AtomicReference<Mode>> armed = new EnumMap<>(Direction.class);
    private final Map<Direction, AtomicInteger> attacks = new EnumMap<>(Direction.class);
    private final Map<Direction, ConcurrentLinkedQueue<byte[]>> seen = new EnumMap<>(Direction.class);
    private final AtomicInteger connections = new AtomicInteger();
    private final Map<String, byte[]> replacements = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Map<Direction, OutputStream> outputs = Map.of();

    private RogueRelay(InetSocketAddress target, InetAddress bind) throws IOException {
        this.target = Objects.requireNonNull(target, "target");
        for (Direction d : Direction.values()) {
            armed.put(d, new AtomicReference<>(Mode.PASS));
            attacks.put(d, new AtomicInteger());
            seen.put(d, new ConcurrentLinkedQueue<>());
        }
        server = new ServerSocket(0, 50, bind);
        acceptor = new Thread(this::acceptLoop, "rogue-relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a relay on {@code bind} (a loopback address), any free port, to the device at {@code target}. */
    public static RogueRelay start(InetSocketAddress target, InetAddress bind) throws IOException {
        return new RogueRelay(target, bind);
    }

    /** Where the relay listens: the address the gateway is made to believe is the device's. */
    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    /** Arms {@code mode} for the next frame going {@code direction}; it then falls back to PASS. */
    public void next(Direction direction, Mode mode) {
        armed.get(direction).set(mode);
    }

    /** Whether the attack armed for {@code direction} has been carried out. */
    public boolean done(Direction direction) {
        return armed.get(direction).get() == Mode.PASS;
    }

    /** How many attacks were carried out going {@code direction}. */
    public int attacks(Direction direction) {
        return attacks.get(direction).get();
    }

    /**
     * Replaces frame number {@code frame} (0 = the first) going {@code direction} on relayed connection
     * number {@code connection} (1 = the first) by the frame body {@code body}: an attack on the
     * handshake, such as a plaintext Reject in place of the device's proof.
     */
    public void replace(Direction direction, int connection, int frame, byte[] body) {
        replacements.put(direction + "/" + connection + "/" + frame, body.clone());
    }

    /** Writes {@code bytes} (a whole frame, or garbage) on the current connection, going {@code direction}. */
    public void inject(Direction direction, byte[] bytes) throws IOException {
        OutputStream out = outputs.get(direction);
        if (out == null) throw new IOException("no relayed connection yet");
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    /** The frame bodies relayed so far going {@code direction} (at most the last {@value #MAX_LOGGED}). */
    public List<byte[]> seen(Direction direction) {
        return new ArrayList<>(seen.get(direction));
    }

    /** How many gateway connections it has relayed. */
    public int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket fromGateway = server.accept();
                Socket toDevice = new Socket();
                toDevice.connect(target, 2_000);
                fromGateway.setTcpNoDelay(true);
                toDevice.setTcpNoDelay(true);
                sockets.add(fromGateway);
                sockets.add(toDevice);
                int connection = connections.incrementAndGet();
                outputs = Map.of(Direction.TO_DEVICE, toDevice.getOutputStream(), Direction.TO_GATEWAY, fromGateway.getOutputStream());
                pump(Direction.TO_DEVICE, fromGateway, toDevice, connection);
                pump(Direction.TO_GATEWAY, toDevice, fromGateway, connection);
            } catch (IOException e) {
                if (server.isClosed()) return;
            }
        }
    }

    private void pump(Direction direction, Socket from, Socket to, int connection) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread t = new Thread(() -> {
            Optional<byte[]> held = Optional.empty();
            try {
                for (int frame = 0; ; frame++) {
                    byte[] body = readFrame(in);
                    log(direction, body);
                    byte[] replacement = replacements.remove(direction + "/" + connection + "/" + frame);
                    if (replacement != null) {
                        attacks.get(direction).incrementAndGet();
                        write(out, replacement);
                        continue;
                    }
                    if (held.isPresent()) {
                        write(out, body);
                        write(out, held.get());
                        held = Optional.empty();
                        continue;
                    }
                    Mode mode = armed.get(direction).getAndSet(Mode.PASS);
                    if (mode != Mode.PASS) attacks.get(direction).incrementAndGet();
                    switch (mode) {
                        case PASS -> write(out, body);
                        case FLIP_BIT -> {
                            byte[] b = body.clone();
                            b[b.length - 1] ^= 0x01;
                            write(out, b);
                        }
                        case REPLAY -> {
                            write(out, body);
                            write(out, body);
                        }
                        case DROP -> { }
                        case INJECT -> {
                            byte[] forged = new byte[body.length];
                            new java.util.Random().nextBytes(forged);
                            System.arraycopy(body, 0, forged, 0, Math.min(17, body.length));
                            write(out, forged);
                            write(out, body);
                        }
                        case REORDER -> held = Optional.of(body);
                    }
                }
            } catch (IOException e) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "rogue-relay-" + direction.name().toLowerCase());
        t.setDaemon(true);
        t.start();
    }

    private void log(Direction direction, byte[] body) {
        ConcurrentLinkedQueue<byte[]> q = seen.get(direction);
        q.add(body);
        while (q.size() > MAX_LOGGED) q.poll();
    }

    private static void write(OutputStream out, byte[] body) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(body.length + 5);
        int v = body.length;
        while ((v & ~0x7F) != 0) {
            frame.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        frame.write(v);
        frame.writeBytes(body);
        synchronized (out) {
            out.write(frame.toByteArray());
            out.flush();
        }
    }

    private static byte[] readFrame(InputStream in) throws IOException {
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.read();
            if (b < 0) throw new EOFException();
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) break;
            if (shift > 28) throw new IOException("bad length prefix");
        }
        if (length < 0 || length > MAX_FRAME) throw new IOException("frame too large for the relay");
        byte[] body = in.readNBytes(length);
        if (body.length < length) throw new EOFException();
        return body;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(RogueRelay::closeQuietly);
    }
}
