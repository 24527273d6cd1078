package dev.hearth.simulator.nativedev;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A misbehaviour a {@link SimulatedDevice} can be told to show, at start or at run time with
 * {@link SimulatedDevice#setFault}. Text form (CLI): {@code NONE}, {@code SILENT}, {@code CLOSE},
 * {@code FLAP/5s}, {@code SLOW/500ms}, {@code GARBAGE}, {@code OVERSIZED} or {@code OVERSIZED/131072},
 * {@code WRONG_KEY}, {@code FLOOD/1000}.
 */
public sealed interface Fault {

    /** Behaves normally. */
    record None() implements Fault { }

    /** Stops heartbeats, reports, events and command results, but keeps the connection open. */
    record Silent() implements Fault { }

    /** Closes every open connection now, then behaves normally again (the gateway may reconnect). */
    record Close() implements Fault { }

    /** Every {@code every}: drops its connections and refuses new ones, then comes back for {@code every}. */
    record Flap(Duration every) implements Fault {
        public Flap {
            requirePositive(every, "flap period");
        }
    }

    /** Delays every reply (the proof in the handshake, command results) by {@code delay}. */
    record Slow(Duration delay) implements Fault {
        public Slow {
            requirePositive(delay, "slow delay");
        }
    }

    /** After each handshake (and now, on open connections) sends a frame that is not a LanMessage. */
    record Garbage() implements Fault { }

    /** After each handshake (and now) sends a frame of {@code bytes} bytes, meant to exceed the gateway's limit. */
    record Oversized(int bytes) implements Fault {
        public static final int DEFAULT_BYTES = 128 * 1024;

        public Oversized {
            if (bytes < 1) throw new IllegalArgumentException("oversized frame must be at least 1 byte");
        }
    }

    /** Answers the challenge with a proof made from a wrong key. */
    record WrongKey() implements Fault { }

    /** Sends {@code perSecond} property reports a second on each open connection. */
    record Flood(int perSecond) implements Fault {
        public Flood {
            if (perSecond < 1 || perSecond > 100_000) throw new IllegalArgumentException("flood rate must be in [1, 100000]");
        }
    }

    Fault NONE = new None();

    /** Parses the text form; throws IllegalArgumentException with a message fit for a user. */
    static Fault parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String name = (slash < 0 ? t : t.substring(0, slash)).toUpperCase(Locale.ROOT).replace('-', '_');
        String param = slash < 0 ? "" : t.substring(slash + 1).strip();
        return switch (name) {
            case "NONE" -> noParam(name, param, NONE);
            case "SILENT" -> noParam(name, param, new Silent());
            case "CLOSE" -> noParam(name, param, new Close());
            case "GARBAGE" -> noParam(name, param, new Garbage());
            case "WRONG_KEY" -> noParam(name, param, new WrongKey());
            case "FLAP" -> new Flap(param.isEmpty() ? Duration.ofSeconds(10) : duration(param));
            case "SLOW" -> new Slow(param.isEmpty() ? Duration.ofSeconds(2) : duration(param));
            case "OVERSIZED" -> new Oversized(param.isEmpty() ? Oversized.DEFAULT_BYTES : number(param));
            case "FLOOD" -> new Flood(param.isEmpty() ? 1000 : number(param));
            default -> throw new IllegalArgumentException("unknown fault '" + text.strip()
                    + "'; expected one of NONE, SILENT, CLOSE, FLAP/<duration>, SLOW/<duration>, GARBAGE, "
                    + "OVERSIZED[/<bytes>], WRONG_KEY, FLOOD/<per second>");
        };
    }

    /** Parses {@code 250ms}, {@code 5s}, {@code 2m}. */
    static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            if (t.endsWith("s")) return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            if (t.endsWith("m")) return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration such as 250ms, 5s or 2m");
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
    }

    private static Fault noParam(String name, String param, Fault fault) {
        if (!param.isEmpty()) throw new IllegalArgumentException("fault " + name + " takes no parameter");
        return fault;
    }

    private static void requirePositive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(what + " must be positive");
    }
}
