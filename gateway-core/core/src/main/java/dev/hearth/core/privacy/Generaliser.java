package dev.hearth.core.privacy;

import dev.hearth.driver.api.value.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a value coarser so it no longer points at one person or moment: an IPv4 address becomes
 * its /24 ({@code "192.0.2.0/24"}), an IPv6 address its /48, coordinates keep 2 decimals (about
 * 1 km), a timestamp (epoch ms or s under a time-ish key, or an ISO-8601 string) is cut to the
 * minute. Structs and arrays generalise item by item. A value of any other kind cannot be
 * generalised: the result is empty and the caller drops it. Thread-safe and stateless.
 */
public final class Generaliser {

    private static final Pattern PAIR = Pattern.compile("\\s*(-?[0-9]{1,3}(?:\\.[0-9]+)?)\\s*,\\s*(-?[0-9]{1,3}(?:\\.[0-9]+)?)\\s*");
    private static final long EPOCH_MS_THRESHOLD = 100_000_000_000L; // before this, an epoch is in seconds

    /** The generalised value of field {@code key}, or empty when it cannot be generalised. */
    public Optional<Value> generalise(String key, Value value) {
        return generalise(KeyVocabulary.classify(key), value);
    }

    private Optional<Value> generalise(int flags, Value value) {
        boolean location = (flags & KeyVocabulary.LOCATION) != 0;
        boolean time = (flags & KeyVocabulary.TIME) != 0;
        if (value instanceof Value.Text t) {
            return text(t.value().strip(), location);
        } else if (value instanceof Value.Int i) {
            if (time) return Optional.of(new Value.Int(toMinute(i.value())));
            if (location) return Optional.of(i);
        } else if (value instanceof Value.Real r) {
            if (location) return Optional.of(new Value.Real(twoDecimals(r.value())));
            if (time) return Optional.of(new Value.Int(toMinute((long) Math.floor(r.value()))));
        } else if (value instanceof Value.Array a) {
            List<Value> out = new ArrayList<>(a.items().size());
            for (Value item : a.items()) {
                Optional<Value> g = generalise(flags, item);
                if (g.isEmpty()) return Optional.empty();
                out.add(g.get());
            }
            return Optional.of(new Value.Array(out));
        } else if (value instanceof Value.Struct s) {
            Map<String, Value> out = new LinkedHashMap<>();
            for (Map.Entry<String, Value> e : s.fields().entrySet()) {
                Optional<Value> g = generalise(KeyVocabulary.classify(e.getKey()) | flags, e.getValue());
                if (g.isEmpty()) return Optional.empty();
                out.put(e.getKey(), g.get());
            }
            return Optional.of(new Value.Struct(out));
        }
        return Optional.empty();
    }

    private static Optional<Value> text(String s, boolean location) {
        Optional<int[]> v4 = IpAddresses.parseIpv4(s);
        if (v4.isPresent()) {
            int[] b = v4.get();
            return Optional.of(new Value.Text(b[0] + "." + b[1] + "." + b[2] + ".0/24"));
        }
        if (s.indexOf(':') >= 0) {
            int zone = s.indexOf('%');
            Optional<int[]> v6 = IpAddresses.parseIpv6(zone >= 0 ? s.substring(0, zone) : s);
            if (v6.isPresent()) {
                int[] g = v6.get();
                int[] net = {g[0], g[1], g[2], 0, 0, 0, 0, 0};
                return Optional.of(new Value.Text(IpAddresses.formatIpv6(net) + "/48"));
            }
        }
        Matcher pair = PAIR.matcher(s);
        if (pair.matches()) {
            double a = Double.parseDouble(pair.group(1));
            double b = Double.parseDouble(pair.group(2));
            if (Math.abs(a) <= 180 && Math.abs(b) <= 180) {
                return Optional.of(new Value.Text(plain(twoDecimals(a)) + "," + plain(twoDecimals(b))));
            }
        }
        if (location) {
            try {
                double d = Double.parseDouble(s);
                if (Math.abs(d) <= 180) return Optional.of(new Value.Text(plain(twoDecimals(d))));
            } catch (NumberFormatException e) {
                // not a number: falls through to the timestamp forms, then to "cannot generalise"
            }
        }
        return timestamp(s).map(Value.Text::new);
    }

    private static Optional<String> timestamp(String s) {
        if (s.length() < 16 || s.charAt(4) != '-') return Optional.empty();
        try {
            return Optional.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    OffsetDateTime.parse(s).truncatedTo(ChronoUnit.MINUTES)));
        } catch (DateTimeParseException e) {
            // not with an offset
        }
        try {
            return Optional.of(DateTimeFormatter.ISO_INSTANT.format(Instant.parse(s).truncatedTo(ChronoUnit.MINUTES)));
        } catch (DateTimeParseException e) {
            // not an instant
        }
        try {
            return Optional.of(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                    LocalDateTime.parse(s).truncatedTo(ChronoUnit.MINUTES)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static long toMinute(long epoch) {
        long unit = Math.abs(epoch) >= EPOCH_MS_THRESHOLD ? 60_000L : 60L;
        return epoch - Math.floorMod(epoch, unit);
    }

    private static double twoDecimals(double d) {
        return BigDecimal.valueOf(d).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
