package dev.hearth.config;

import dev.hearth.driver.api.Backoff;
import java.time.Duration;

/** Reads the {@code online} section: heartbeats, timeouts, reconnect, flap damping, miIO polling. */
final class OnlineReader {
    private final ReadContext ctx;

    OnlineReader(ReadContext ctx) {
        this.ctx = ctx;
    }

    OnlineConfig read(YamlSection s) {
        OnlineConfig d = OnlineConfig.defaults();
        int heartbeatMisses = s.integer("heartbeatMisses", d.heartbeatMisses(), 1, 1000);
        Duration commandTimeout = s.duration("commandTimeout", d.commandTimeout());
        Backoff reconnect = backoff(s.sectionOrEmpty("reconnect"), d.reconnect());
        FlapDamping flap = flapDamping(s.sectionOrEmpty("flapDamping"));
        Duration poll = s.duration("miioPollInterval", d.miioPollInterval());
        MiioProbe probe = miioProbe(s.sectionOrEmpty("miioProbe"));
        Duration healthyAfter = s.duration("nativeHealthyAfter", d.nativeHealthyAfter());
        s.finish();
        return ctx.build(s.path(), () -> new OnlineConfig(heartbeatMisses, commandTimeout, reconnect, flap, poll, probe, healthyAfter),
                () -> d);
    }

    /** {@code { min, max }} with max not below min; shared with the cloud section. */
    static Backoff backoff(YamlSection b, Backoff fallback) {
        Duration min = b.duration("min", fallback.min());
        Duration max = b.duration("max", fallback.max());
        b.finish();
        if (max.compareTo(min) < 0) {
            b.problem("max", "must not be below min (" + ConfigDurations.format(min) + "), got " + ConfigDurations.format(max));
            return fallback;
        }
        return b.context().build(b.path(), () -> Backoff.doubling(min, max), () -> fallback);
    }

    private FlapDamping flapDamping(YamlSection f) {
        FlapDamping d = FlapDamping.defaults();
        int transitions = f.integer("transitions", d.transitions(), 2, 1000);
        Duration window = f.duration("window", d.window());
        Duration hold = f.duration("hold", d.hold());
        f.finish();
        return ctx.build(f.path(), () -> new FlapDamping(transitions, window, hold), () -> d);
    }

    private MiioProbe miioProbe(YamlSection p) {
        MiioProbe d = MiioProbe.defaults();
        Duration initial = p.duration("initial", d.initial());
        Duration max = p.duration("max", d.max());
        int pings = p.integer("pings", d.pings(), 1, 100);
        Duration pingInterval = p.duration("pingInterval", d.pingInterval());
        Duration requestTimeout = p.duration("requestTimeout", d.requestTimeout());
        int retries = p.integer("retries", d.retries(), 0, 10);
        p.finish();
        if (max.compareTo(initial) < 0) {
            p.problem("max", "must not be below initial (" + ConfigDurations.format(initial) + "), got " + ConfigDurations.format(max));
            return d;
        }
        return ctx.build(p.path(), () -> new MiioProbe(initial, max, pings, pingInterval, requestTimeout, retries), () -> d);
    }
}
