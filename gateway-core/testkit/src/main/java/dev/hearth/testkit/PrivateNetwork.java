package dev.hearth.testkit;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Guards for tests that multicast (mDNS): they may only run inside a private network namespace
 * whose only interface is loopback, as {@code ./hearth test} arranges. Run directly on a host,
 * jmdns would bind 0.0.0.0:5353 and could talk to the real LAN, so such a test fails instead.
 */
public final class PrivateNetwork {
    private PrivateNetwork() {
    }

    /** Fails unless every network interface that is up is a loopback interface. */
    public static void require() {
        try {
            List<String> real = NetworkInterface.networkInterfaces()
                    .filter(PrivateNetwork::isUp)
                    .filter(i -> !isLoopback(i))
                    .map(NetworkInterface::getName)
                    .toList();
            if (!real.isEmpty()) {
                throw new AssertionError("this test multicasts and must run in a private network namespace, "
                        + "but interfaces " + real + " are up: run it through ./hearth test");
            }
        } catch (SocketException e) {
            throw new AssertionError("cannot list network interfaces", e);
        }
    }

    /** 127.0.0.1 built from bytes: a literal parsed from text would make jmdns do a reverse lookup. */
    public static InetAddress loopback(String name) {
        return address(name, 127, 0, 0, 1);
    }

    public static InetAddress address(String name, int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(name, new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static boolean isUp(NetworkInterface i) {
        try {
            return i.isUp();
        } catch (SocketException e) {
            return false;
        }
    }

    private static boolean isLoopback(NetworkInterface i) {
        try {
            return i.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
