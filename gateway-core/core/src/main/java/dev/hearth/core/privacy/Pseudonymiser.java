package dev.hearth.core.privacy;

import dev.hearth.driver.api.value.Value;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces an identifier by {@code "p_"} and the first 16 hex digits of its HMAC-SHA256 under the
 * home's key: the same user id gives the same pseudonym in this home (so the cloud can count
 * distinct users), a different one in another home, and cannot be reversed without the key.
 * Used for telemetry, and for user ids in the audit log and the registry. Thread-safe.
 */
public final class Pseudonymiser {

    public static final String PREFIX = "p_";
    private static final int HEX_CHARS = 16;

    private final SecretKeySpec key;
    // Mac instances are not thread-safe and costly to create: one per thread, per pseudonymiser.
    private final ThreadLocal<Mac> macs;

    public Pseudonymiser(HomeKey homeKey) {
        this.key = new SecretKeySpec(homeKey.bytes(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
        newMac();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** The pseudonym of an identifier. */
    public String pseudonym(String identifier) {
        byte[] h = macs.get().doFinal(identifier.getBytes(StandardCharsets.UTF_8));
        return PREFIX + HexFormat.of().formatHex(h, 0, HEX_CHARS / 2);
    }

    /**
     * The pseudonym of a whole value, as text. An integer hashes as its decimal text, so user id
     * {@code 42} and {@code "42"} get the same pseudonym; structures hash their canonical form.
     */
    public Value pseudonymise(Value value) {
        String canonical = value instanceof Value.Text t ? t.value() : canonical(value, new StringBuilder()).toString();
        return new Value.Text(pseudonym(canonical));
    }

    private static StringBuilder canonical(Value v, StringBuilder sb) {
        if (v instanceof Value.Text t) {
            sb.append('"').append(t.value().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        } else if (v instanceof Value.Array a) {
            sb.append('[');
            for (int i = 0; i < a.items().size(); i++) {
                if (i > 0) sb.append(',');
                canonical(a.items().get(i), sb);
            }
            sb.append(']');
        } else if (v instanceof Value.Struct s) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, Value> e : new java.util.TreeMap<>(s.fields()).entrySet()) {
                if (!first) sb.append(',');
                first = false;
                canonical(new Value.Text(e.getKey()), sb).append(':');
                canonical(e.getValue(), sb);
            }
            sb.append('}');
        } else {
            sb.append(v);
        }
        return sb;
    }
}
