package dev.hearth.simulator.miio;

import java.time.Duration;
import java.util.Objects;

/**
 * Faults a simulated device plays, settable before start and at any time after, from any thread.
 * Packet loss and silence apply to hellos too; a stamp jump moves the device's clock as a reboot
 * or clock fix would, so requests stamped against the old clock are ignored until the client
 * shakes hands again.
 */
public final class MiioFaults {
    private volatile int lossPercent;
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean silent;
    private volatile long stampShiftSeconds;

    /** No faults. */
    public static MiioFaults none() {
        return new MiioFaults();
    }

    /** Drops this share of incoming packets, 0–100. */
    public MiioFaults lossPercent(int percent) {
        if (percent < 0 || percent > 100) throw new IllegalArgumentException("loss must be 0-100 %: " + percent);
        this.lossPercent = percent;
        return this;
    }

    /** Delays every reply. */
    public MiioFaults delay(Duration delay) {
        if (delay.isNegative()) throw new IllegalArgumentException("delay must not be negative");
        this.delay = Objects.requireNonNull(delay, "delay");
        return this;
    }

    /** Answers nothing at all (not even hellos) while set, like a device that lost power or Wi-Fi. */
    public MiioFaults silent(boolean silent) {
        this.silent = silent;
        return this;
    }

    /** Moves the device's stamp clock by {@code shift} (may be negative). */
    public MiioFaults jumpStamp(Duration shift) {
        this.stampShiftSeconds += shift.toSeconds();
        return this;
    }

    public int lossPercent() {
        return lossPercent;
    }

    public Duration delay() {
        return delay;
    }

    public boolean silent() {
        return silent;
    }

    long stampShiftSeconds() {
        return stampShiftSeconds;
    }
}
