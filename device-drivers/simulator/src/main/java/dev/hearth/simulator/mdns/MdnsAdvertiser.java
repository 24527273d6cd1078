package dev.hearth.simulator.mdns;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;

/**
 * Announces simulated devices by mDNS on one explicit address. One instance per address; never
 * bound to a wildcard, so a simulator on 127.0.0.1 in a test namespace never reaches a real LAN.
 */
public final class MdnsAdvertiser implements Closeable {
    private final JmDNS jmdns;

    private MdnsAdvertiser(JmDNS jmdns) {
        this.jmdns = jmdns;
    }

    /**
     * Starts jmdns on {@code address}, which must be given as raw bytes (a literal parsed from
     * text makes jmdns do a reverse-DNS lookup).
     */
    public static MdnsAdvertiser on(InetAddress address, String hostName) throws IOException {
        return new MdnsAdvertiser(JmDNS.create(address, hostName));
    }

    /** Registers {@code instance} of {@code serviceType} (e.g. {@code "_hearth._tcp.local."}). */
    public void announce(String serviceType, String instance, int port, Map<String, String> txt) throws IOException {
        jmdns.registerService(ServiceInfo.create(serviceType, instance, port, 0, 0, txt));
    }

    /** Withdraws one service: jmdns sends a goodbye (TTL 0). Blocks about 2 s (jmdns). */
    public void withdraw(String serviceType, String instance, int port) {
        jmdns.unregisterService(ServiceInfo.create(serviceType, instance, port, ""));
    }

    /** Withdraws every service and stops jmdns. */
    @Override
    public void close() throws IOException {
        jmdns.unregisterAllServices();
        jmdns.close();
    }
}
