package dev.hearth.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Address literals from config, parsed without ever touching DNS. */
final class Addresses {
    private static final Pattern DOTTED = Pattern.compile("[0-9.]+");
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private Addresses() {
    }

    /** A dotted-quad IPv4 literal, or empty. */
    static Optional<Inet4Address> ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) return Optional.empty();
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) return Optional.empty();
            if (p.length() > 1 && p.charAt(0) == '0') return Optional.empty(); // octal-looking, ambiguous
            int v = Integer.parseInt(p);
            if (v > 255) return Optional.empty();
            bytes[i] = (byte) v;
        }
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(text, bytes));
        } catch (UnknownHostException impossible) {
            return Optional.empty();
        }
    }

    /** Whether this is an IPv4 literal or a syntactically valid host name (not resolved). */
    static boolean validHost(String text) {
        if (DOTTED.matcher(text).matches()) return ipv4(text).isPresent();
        return HOST_NAME.matcher(text).matches();
    }
}
