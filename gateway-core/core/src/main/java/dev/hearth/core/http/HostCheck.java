package dev.hearth.core.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which Host headers the server answers (DNS rebinding: a page on {@code evil.example} whose name
 * the attacker re-points at the gateway sends {@code Host: evil.example}). Accepted: the bind
 * address itself; any address literal of this machine's kind when bound to the wildcard address;
 * {@code localhost} and loopback literals when bound to loopback or the wildcard; and the
 * configured names. Parsing never looks anything up in DNS.
 */
public final class HostCheck {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]{2,45}");

    private final InetAddress bind;
    private final Set<String> names;

    public HostCheck(InetAddress bind, Set<String> names) {
        this.bind = Objects.requireNonNull(bind, "bind");
        this.names = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Whether a request carrying this Host header value is for us. */
    public boolean accepts(String hostHeader) {
        if (hostHeader == null) return false;
        Optional<String> host = hostPart(hostHeader.strip().toLowerCase(Locale.ROOT));
        if (host.isEmpty()) return false;
        String h = host.get().endsWith(".") ? host.get().substring(0, host.get().length() - 1) : host.get();
        if (names.contains(h)) return true;
        boolean loopbackOk = bind.isLoopbackAddress() || bind.isAnyLocalAddress();
        if (h.equals("localhost")) return loopbackOk;
        Optional<InetAddress> literal = literal(h);
        if (literal.isEmpty()) return false;
        InetAddress a = literal.get();
        if (bind.isAnyLocalAddress()) return !a.isAnyLocalAddress() && !a.isMulticastAddress();
        return a.equals(bind) || (bind.isLoopbackAddress() && a.isLoopbackAddress());
    }

    /** The host without its port: {@code [::1]:8080} gives {@code ::1}, {@code a.b:80} gives {@code a.b}. */
    private static Optional<String> hostPart(String v) {
        if (v.isEmpty()) return Optional.empty();
        if (v.startsWith("[")) {
            int end = v.indexOf(']');
            if (end < 0) return Optional.empty();
            String rest = v.substring(end + 1);
            if (!rest.isEmpty() && !rest.matches(":\\d{1,5}")) return Optional.empty();
            return Optional.of(v.substring(1, end));
        }
        int colon = v.indexOf(':');
        if (colon >= 0) {
            if (!v.substring(colon).matches(":\\d{1,5}")) return Optional.empty();
            v = v.substring(0, colon);
        }
        return v.matches("[a-z0-9.-]{1,253}") ? Optional.of(v) : Optional.empty();
    }

    private static Optional<InetAddress> literal(String h) {
        if (!IPV4.matcher(h).matches() && !(h.contains(":") && IPV6.matcher(h).matches())) return Optional.empty();
        try {
            return Optional.of(InetAddress.getByName(h)); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
