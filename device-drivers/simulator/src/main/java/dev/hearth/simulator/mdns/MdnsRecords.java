package dev.hearth.simulator.mdns;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * Raw mDNS responses (RFC 6762: PTR, SRV, TXT, A in one packet) with the TTLs the caller picks.
 * jmdns gives every record of a registered service the same TTL; a real device gives its PTR
 * 4,500 s and the others 120 s, and only that mix reproduces what a gateway's jmdns does when
 * the device goes off: the SRV/A records expire, the PTR stays cached, and the device's return
 * fires no new resolve. Nothing here validates what it is told (the tests' rogue uses it too).
 */
public final class MdnsRecords {
    private static final int IN = 1;
    private static final int CACHE_FLUSH = 0x8000;

    private MdnsRecords() {
    }

    /** One service instance as announced. */
    public record Service(String type, String instance, InetAddress address, int port, Map<String, String> txt) {
        public Service {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(instance, "instance");
            if (!(address instanceof Inet4Address)) throw new IllegalArgumentException("IPv4 only");
            if (port < 1 || port > 65_535) throw new IllegalArgumentException("port out of range: " + port);
            txt = Map.copyOf(txt);
        }
    }

    /**
     * The announcement of {@code s}: PTR with {@code ptrTtl} seconds, SRV, TXT and A with
     * {@code recordTtl} seconds (0 and 0 is a goodbye). The SRV names one host per address,
     * {@code hostPrefix-a-b-c-d.local.}: a shared host name would have its A record flushed to
     * the last address announced.
     */
    public static byte[] response(Service s, long ptrTtl, long recordTtl, String hostPrefix) {
        String type = s.type().endsWith(".") ? s.type() : s.type() + ".";
        String full = s.instance() + "." + type;
        byte[] ip = s.address().getAddress();
        String host = hostPrefix + "-" + (ip[0] & 0xff) + "-" + (ip[1] & 0xff) + "-" + (ip[2] & 0xff) + "-" + (ip[3] & 0xff) + ".local.";
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
        return out.toByteArray();
    }

    private static void record(ByteArrayOutputStream out, String name, int type, int cls, long ttl, byte[] rdata) {
        if (ttl < 0 || ttl > 0xffff_ffffL) throw new IllegalArgumentException("TTL out of range: " + ttl);
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
}
