package dev.hearth.simulator.mdns;

import dev.hearth.driver.api.Scheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces simulated devices as real ones do, with a short record TTL that really expires: the
 * PTR lives {@value #PTR_TTL_SECONDS} s, the SRV, TXT and A records {@code recordTtl}; while a
 * device is up its announcement is repeated every half TTL (as RFC 6762 devices refresh theirs).
 * {@link #fallSilent} is a device switched off: no goodbye, its records expire in the gateway's
 * jmdns (a {@code serviceRemoved}) while the PTR stays cached, so when the device announces again
 * jmdns fires no new add or resolve (TESTING.md, "mDNS record expiry"). {@link #goodbye} is the
 * TTL-0 goodbye of a device that shuts down cleanly. Loopback only: it multicasts on the
 * interface of an address inside the test's own namespace, never on a real interface.
 */
public final class ExpiringAnnouncer implements AutoCloseable {
    /** What python-zeroconf and real devices give their PTR record: it outlives any outage here. */
    public static final long PTR_TTL_SECONDS = 4500;

    private static final Logger log = LoggerFactory.getLogger(ExpiringAnnouncer.class);
    private static final InetSocketAddress GROUP = new InetSocketAddress(group(), 5353);
    /** A bound on the services one announcer repeats (one per simulated device). */
    private static final int MAX_SERVICES = 1024;

    private final MulticastSocket socket;
    private final String hostPrefix;
    private final Duration recordTtl;
    private final Scheduler scheduler;
    private final Map<String, Scheduler.Cancellable> repeating = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Speaks on the interface of {@code address} (a loopback address in the caller's namespace);
     * {@code recordTtl} is at least 1 s (jmdns rounds to seconds); repeats run on {@code scheduler}.
     */
    public ExpiringAnnouncer(InetAddress address, String hostPrefix, Duration recordTtl, Scheduler scheduler) throws IOException {
        if (!address.isLoopbackAddress()) throw new IllegalArgumentException("only on loopback, inside the caller's namespace");
        if (recordTtl.toSeconds() < 1) throw new IllegalArgumentException("record TTL below 1 s: " + recordTtl);
        this.hostPrefix = hostPrefix;
        this.recordTtl = recordTtl;
        this.scheduler = scheduler;
        socket = new MulticastSocket(new InetSocketAddress(address, 0));
        NetworkInterface nic = NetworkInterface.getByInetAddress(address);
        // 127.0.0.2 and the like are on lo without being listed as its addresses
        socket.setNetworkInterface(nic != null ? nic : NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress()));
        socket.setTimeToLive(255);
    }

    public Duration recordTtl() {
        return recordTtl;
    }

    /** Announces {@code s} now and every half TTL until {@link #fallSilent} or {@link #goodbye}. */
    public void announce(MdnsRecords.Service s) throws IOException {
        if (closed) throw new IllegalStateException("announcer closed");
        String key = key(s);
        if (!repeating.containsKey(key) && repeating.size() >= MAX_SERVICES) {
            throw new IllegalStateException("more than " + MAX_SERVICES + " services on one announcer");
        }
        send(s, PTR_TTL_SECONDS, recordTtl.toSeconds());
        Optional.ofNullable(repeating.put(key, repeatLater(s))).ifPresent(Scheduler.Cancellable::cancel);
    }

    /** The device went off: nothing more is sent for {@code s}; its records expire after the TTL. */
    public void fallSilent(MdnsRecords.Service s) {
        Optional.ofNullable(repeating.remove(key(s))).ifPresent(Scheduler.Cancellable::cancel);
    }

    /** A clean shutdown: repeats stop and a TTL-0 goodbye is sent for {@code s}. */
    public void goodbye(MdnsRecords.Service s) throws IOException {
        fallSilent(s);
        send(s, 0, 0);
    }

    private Scheduler.Cancellable repeatLater(MdnsRecords.Service s) {
        return scheduler.schedule(recordTtl.dividedBy(2), () -> {
            if (closed || !repeating.containsKey(key(s))) return;
            try {
                send(s, PTR_TTL_SECONDS, recordTtl.toSeconds());
            } catch (IOException | UncheckedIOException e) {
                log.warn("cannot repeat the announcement of {}: {}", s.instance(), e.toString());
            }
            repeating.computeIfPresent(key(s), (k, old) -> repeatLater(s));
        });
    }

    private void send(MdnsRecords.Service s, long ptrTtl, long ttl) throws IOException {
        byte[] packet = MdnsRecords.response(s, ptrTtl, ttl, hostPrefix);
        socket.send(new DatagramPacket(packet, packet.length, GROUP));
    }

    private static String key(MdnsRecords.Service s) {
        return s.instance() + "." + s.type();
    }

    private static InetAddress group() {
        try {
            return InetAddress.getByAddress("mdns", new byte[] {(byte) 224, 0, 0, (byte) 251});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops repeating; sends no goodbye (what is announced simply expires). */
    @Override
    public void close() {
        closed = true;
        repeating.values().forEach(Scheduler.Cancellable::cancel);
        repeating.clear();
        socket.close();
    }
}
