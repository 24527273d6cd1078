package dev.hearth.testkit;

import dev.hearth.simulator.mdns.MdnsRecords;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * An mDNS speaker that says whatever a test wants, with the TTLs it wants: the rogue on the LAN
 * (another model for an adopted id, a device's id at the rogue's address, a spoofed TTL-0
 * goodbye) and, with short TTLs, a device whose records expire. It writes the simulator's raw DNS
 * responses ({@link MdnsRecords}: PTR, SRV, TXT, A; RFC 6762) to 224.0.0.251:5353 on the interface of {@code address}, so
 * nothing in it validates or corrects what it is told. Only ever inside a network namespace the
 * test created (see {@link PrivateNetwork}); it never answers queries.
 */
public final class RogueAnnouncer implements AutoCloseable {
    private static final InetSocketAddress GROUP = new InetSocketAddress(groupAddress(), 5353);

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
        byte[] packet = MdnsRecords.response(new MdnsRecords.Service(s.type(), s.instance(), s.address(), s.port(), s.txt()),
                ptrTtl, recordTtl, hostName);
        socket.send(new DatagramPacket(packet, packet.length, GROUP));
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
