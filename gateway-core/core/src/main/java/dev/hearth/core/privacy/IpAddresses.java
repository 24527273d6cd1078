package dev.hearth.core.privacy;

import java.util.Optional;

/**
 * Strict IP literal parsing, without {@code InetAddress} (which may resolve names). Used to
 * validate what the detector's patterns found and to cut addresses down to a network.
 */
final class IpAddresses {

    private IpAddresses() {
    }

    /** Four dotted decimal octets, each 0-255, no leading zeros beyond a single 0. */
    static Optional<int[]> parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) return Optional.empty();
        int[] out = new int[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) return Optional.empty();
            for (int j = 0; j < p.length(); j++) if (!Character.isDigit(p.charAt(j))) return Optional.empty();
            out[i] = Integer.parseInt(p);
            if (out[i] > 255) return Optional.empty();
        }
        return Optional.of(out);
    }

    /** An IPv6 literal (RFC 4291 text forms, including "::" and a trailing dotted IPv4) as 8 groups. */
    static Optional<int[]> parseIpv6(String s) {
        if (s.length() < 2 || s.length() > 45) return Optional.empty();
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) return Optional.empty();
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int[] h = groups(head, dbl < 0);
        int[] t = dbl >= 0 ? groups(tail, true) : new int[0];
        if (h == null || t == null) return Optional.empty();
        int total = h.length + t.length;
        if (dbl < 0 ? total != 8 : total > 7) return Optional.empty();
        int[] out = new int[8];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(t, 0, out, 8 - t.length, t.length);
        return Optional.of(out);
    }

    /** Colon-separated hex groups; the last may be a dotted IPv4 (two groups) when {@code last}. */
    private static int[] groups(String part, boolean last) {
        if (part.isEmpty()) return new int[0];
        String[] g = part.split(":", -1);
        int extra = 0;
        if (last && g[g.length - 1].indexOf('.') >= 0) extra = 1;
        int[] out = new int[g.length + extra];
        for (int i = 0; i < g.length; i++) {
            String x = g[i];
            if (extra == 1 && i == g.length - 1) {
                Optional<int[]> v4 = parseIpv4(x);
                if (v4.isEmpty()) return null;
                int[] b = v4.get();
                out[i] = (b[0] << 8) | b[1];
                out[i + 1] = (b[2] << 8) | b[3];
                continue;
            }
            if (x.isEmpty() || x.length() > 4) return null;
            int v = 0;
            for (int j = 0; j < x.length(); j++) {
                int d = Character.digit(x.charAt(j), 16);
                if (d < 0) return null;
                v = (v << 4) | d;
            }
            out[i] = v;
        }
        return out;
    }

    /** RFC 5952 text: lower case, the longest run (2+) of zero groups compressed to "::". */
    static String formatIpv6(int[] g) {
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
