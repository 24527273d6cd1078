package dev.hearth.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Puts extra 127.0.0.x addresses on {@code lo}, inside the test's own network namespace (as root):
 * each simulated miIO device announces itself by mDNS from its own address, and jmdns joins the
 * multicast group on the interface holding that address.
 */
public final class LoopbackAliases {
    private LoopbackAliases() {
    }

    public static void add(Iterable<InetAddress> addresses) throws IOException, InterruptedException {
        for (InetAddress a : addresses) {
            String ip = a.getHostAddress();
            if (!ip.startsWith("127.")) throw new IllegalArgumentException("only loopback addresses: " + ip);
            Process p = new ProcessBuilder("ip", "addr", "replace", ip + "/32", "dev", "lo").redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("cannot add " + ip + " to lo (run inside a network namespace as root): " + output);
            }
        }
    }
}
