package dev.hearth.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * An mDNS speaker that says whatever a test wants, with the TTLs it wants: the rogue on the LAN
 * (another model for an adopted id, a device's id at the rogue's address, a spoofed TTL-0
 * goodbye) and, with short TTLs, a device whose records expire. It writes raw DNS responses
 * (PTR, SRV, TXT, A; RFC 6762) to 224.0.0.251:5353 on the interface of {@code address}, so
 * nothing in it validates or corrects what it is told. Only ever inside a network namespace the
 * test created (see {@link PrivateNetwork}); it never answers queries.
 */
public final class RogueAnnouncer implements AutoCloseable {
    private static final InetSocketAddress GROUP = new InetSocketAddress(groupAddress(), 5353);
    private static final int IN = 1;
    private static final int CACHE_FLUSH = 0x8000;

    private final MulticastSocket socket;
    private final String hostName;

    /**
     * Speaks on the interface holding {@code address} (a loopback address inside the test's
     * namespace); {@code hostName} prefixes the hosts its SRV records name, one per address
     * ({@code rogue} and 127.0.0.2 give {@code rogue-127-0-0-2.local.}).
     */
    public RogueAnnouncer(InetAddress address, String hostName) throws IOException {
        if (!address.isLoopbackAddress()) throw new IllegalArgumentException("only on loopback, inside the test's namespace");
        this.hostName = hostName;
        socket = new MulticastSocket(new InetSocketAddress(address, 0));
        NetworkInterface nic = NetworkInterface.getByInetAddress(address);
        // 127.0.0.2 and the like are on lo without being listed as its addresses
        socket.setNetworkInterface(nic != null ? nic : NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress()));
        socket.setTimeToLive(255);
    }

    /** What one service announcement says. */
    public record Service(String type, String instance, InetAddress address, int port, Map<String, String> txt) {
        public Service {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(instance, "instance");
            if (!(address instanceof Inet4Address)) throw new IllegalArgumentException("IPv4 only");
            txt = Map.copyOf(txt);
        }
    }

    /**
     * Announces {@code s}: its PTR record with {@code ptrTtl}, its SRV, TXT and A records with
     * {@code recordTtl} (real devices use 4,500 s and 120 s; jmdns expires the SRV/A records after
     * {@code recordTtl} and keeps the PTR).
     */
    public void announce(Service s, Duration ptrTtl, Duration recordTtl) throws IOException {
        send(s, ptrTtl.toSeconds(), recordTtl.toSeconds());
    }

    /** Announces {@code s} with the usual TTLs (PTR 4,500 s, the others 120 s). */
    public void announce(Service s) throws IOException {
        announce(s, Duration.ofSeconds(4500), Duration.ofSeconds(120));
    }

    /** A goodbye for {@code s}: every record with TTL 0, whoever really owns the name. */
    public void goodbye(Service s) throws IOException {
        send(s, 0, 0);
    }

    private void send(Service s, long ptrTtl, long recordTtl) throws IOException {
        String type = s.type().endsWith(".") ? s.type() : s.type() + ".";
        String full = s.instance() + "." + type;
        // one host name per address: a shared one would have its A record flushed to the last address announced
        byte[] ip = s.address().getAddress();
        String host = hostName + "-" + (ip[0] & 0xff) + "-" + (ip[1] & 0xff) + "-" + (ip[2] & 0xff) + "-" + (ip[3] & 0xff) + ".local.";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        short16(out, 0);          // id
        short16(out, 0x8400);     // response, authoritative
        short16(out, 0);          // questions
        short16(out, 4);          // answers
        short16(out, 0);
        short16(out, 0);

        record(out, type, 12, IN, ptrTtl, name(full, true));
        ByteArrayOutputStream srv = new ByteArrayOutputStream();
        short16(srv, 0);
        short16(srv, 0);
        short16(srv, s.port());
        srv.writeBytes(name(host, false));
        record(out, full, 33, IN | CACHE_FLUSH, recordTtl, srv.toByteArray());
        ByteArrayOutputStream txt = new ByteArrayOutputStream();
        s.txt().forEach((k, v) -> {
            byte[] entry = (k + "=" + v).getBytes(StandardCharsets.UTF_8);
            if (entry.length > 255) throw new IllegalArgumentException("TXT entry too long: " + k);
            txt.write(entry.length);
            txt.writeBytes(entry);
        });
        if (txt.size() == 0) txt.write(0);
        record(out, full, 16, IN | CACHE_FLUSH, recordTtl, txt.toByteArray());
        record(out, host, 1, IN | CACHE_FLUSH, recordTtl, s.address().getAddress());

        byte[] packet = out.toByteArray();
        socket.send(new DatagramPacket(packet, packet.length, GROUP));
    }

    private static void record(ByteArrayOutputStream out, String name, int type, int cls, long ttl, byte[] rdata) {
        out.writeBytes(name(name, false));
        short16(out, type);
        short16(out, cls);
        out.write((int) (ttl >>> 24) & 0xff);
        out.write((int) (ttl >>> 16) & 0xff);
        out.write((int) (ttl >>> 8) & 0xff);
        out.write((int) ttl & 0xff);
        short16(out, rdata.length);
        out.writeBytes(rdata);
    }

    /** {@code instance.type} with the instance as one label even when it holds dots. */
    private static byte[] name(String name, boolean firstLabelWhole) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String rest = name;
        if (firstLabelWhole) {
            int cut = name.indexOf("._");
            label(out, name.substring(0, cut));
            rest = name.substring(cut + 1);
        }
        for (String l : rest.split("\\.")) {
            if (!l.isEmpty()) label(out, l);
        }
        out.write(0);
        return out.toByteArray();
    }

    private static void label(ByteArrayOutputStream out, String label) {
        byte[] b = label.getBytes(StandardCharsets.UTF_8);
        if (b.length == 0 || b.length > 63) throw new IllegalArgumentException("bad DNS label: " + label);
        out.write(b.length);
        out.writeBytes(b);
    }

    private static void short16(ByteArrayOutputStream out, int v) {
        out.write((v >>> 8) & 0xff);
        out.write(v & 0xff);
    }

    private static InetAddress groupAddress() {
        try {
            return InetAddress.getByAddress("mdns", new byte[] {(byte) 224, 0, 0, (byte) 251});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
