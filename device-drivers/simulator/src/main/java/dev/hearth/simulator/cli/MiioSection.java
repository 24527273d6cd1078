package dev.hearth.simulator.cli;

import dev.hearth.simulator.miio.MiioDeviceKind;
import dev.hearth.simulator.miio.MiioFleet;
import dev.hearth.simulator.miio.SimulatedMiioDevice;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/**
 * The miIO part of {@code hearth simulate}: checks the options, then starts the devices, each on
 * its own 127.0.0.x address at port 54321 (third-party miIO clients only ever talk to that port).
 */
final class MiioSection {
    /** The most devices one run starts (one address each). */
    static final int MAX_DEVICES = 250;

    private MiioSection() {
    }

    /** The fleet options for the command line's values; IllegalArgumentException names the bad one. */
    static MiioFleet.Options options(int count, List<String> kinds, InetAddress first, boolean mdns) {
        if (count < 0 || count > MAX_DEVICES) {
            throw new IllegalArgumentException("--miio must be between 0 and " + MAX_DEVICES + ", got " + count);
        }
        List<MiioDeviceKind> parsed = new ArrayList<>();
        for (String k : kinds) parsed.add(MiioDeviceKind.parse(k));
        byte[] b = first.getAddress();
        if (b[0] != 127) throw new IllegalArgumentException("--miio-address must be in 127.0.0.0/8, got " + first.getHostAddress());
        int low = ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        if (low == 0 || low + count - 1 > 0xff_fffe) {
            throw new IllegalArgumentException("--miio-address " + first.getHostAddress() + " leaves no room for " + count
                    + " addresses in 127.0.0.1-127.255.255.254");
        }
        return new MiioFleet.Options(count, parsed, first, 54321, mdns, true);
    }

    /** The devices' addresses, in order. */
    static List<InetAddress> addresses(MiioFleet.Options o) {
        byte[] b = o.firstAddress().getAddress();
        int low = ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        List<InetAddress> all = new ArrayList<>();
        for (int i = 0; i < o.count(); i++) {
            int n = low + i;
            all.add(MiioFleet.address(127, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff));
        }
        return all;
    }

    /**
     * The addresses not assigned to any interface. UDP works on any 127.x address (Linux routes
     * 127.0.0.0/8 to lo), but jmdns joins the multicast group on the interface holding the address,
     * so announcing needs each one on {@code lo}.
     */
    static List<InetAddress> unassigned(List<InetAddress> addresses) throws SocketException {
        List<InetAddress> missing = new ArrayList<>();
        for (InetAddress a : addresses) {
            if (NetworkInterface.getByInetAddress(a) == null) missing.add(a);
        }
        return missing;
    }

    /** What to tell the user when addresses are missing: the commands that add them. */
    static String missingAddressHelp(List<InetAddress> missing) {
        StringBuilder s = new StringBuilder("--miio with mDNS needs each device's address on the loopback interface; missing: ");
        s.append(missing.size() <= 4 ? missing.stream().map(InetAddress::getHostAddress).toList()
                : missing.get(0).getHostAddress() + " … " + missing.get(missing.size() - 1).getHostAddress()
                        + " (" + missing.size() + " addresses)");
        s.append(System.lineSeparator()).append("add them as root (best inside a network namespace), e.g.: ")
                .append("ip addr replace ").append(missing.get(0).getHostAddress()).append("/32 dev lo")
                .append(System.lineSeparator()).append("or run with --no-mdns");
        return s.toString();
    }

    static void print(MiioFleet fleet, boolean showTokens, boolean mdns, PrintWriter out) {
        for (SimulatedMiioDevice d : fleet.devices()) {
            String line = String.format("%-20s %-20s %s:%d", d.gatewayDeviceId(), d.model(),
                    d.address().getAddress().getHostAddress(), d.address().getPort());
            // tokens go to the terminal only when the user asked for no file
            if (showTokens) line += "  token=" + d.token().toHex();
            out.println(line);
        }
        out.println(fleet.devices().size() + " miIO device(s) running" + (mdns ? ", announced by mDNS" : "") + "; Ctrl-C to stop");
    }
}
