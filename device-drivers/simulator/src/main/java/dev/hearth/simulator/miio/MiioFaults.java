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
    private volatile int rememberedIds;
    private volatile long restarts;
    private volatile boolean strictStamps;
    private volatile boolean repliesWithoutResult;
    private volatile boolean scalarSetReplies;
    private volatile boolean errorsUnderError;
    private volatile long answerAsDeviceId;

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

    /**
     * Remembers the last {@code count} request ids and silently drops a request that repeats one,
     * as real devices do (0, the default: remembers none). A restart forgets them.
     */
    public MiioFaults rememberIds(int count) {
        if (count < 0 || count > 10_000) throw new IllegalArgumentException("remember 0-10000 ids: " + count);
        this.rememberedIds = count;
        return this;
    }

    /** Reboots the device: its stamps start over near zero and it forgets the ids it saw. */
    public MiioFaults restart() {
        this.restarts++;
        return this;
    }

    /**
     * Ignores a request whose stamp is more than a few seconds off the device's clock in either
     * direction (by default only a stamp far behind is ignored): after a {@link #restart} the
     * client's old stamps are then refused until it shakes hands again.
     */
    public MiioFaults strictStamps(boolean strict) {
        this.strictStamps = strict;
        return this;
    }

    /**
     * Answers with an object result's fields beside the id instead of under {@code "result"}, as
     * python-miio's simulator and some firmware answer {@code miIO.info}.
     */
    public MiioFaults repliesWithoutResult(boolean on) {
        this.repliesWithoutResult = on;
        return this;
    }

    /** Acknowledges a successful set ({@code set_<name>}, {@code set_properties}) with a bare {@code 0}. */
    public MiioFaults scalarSetReplies(boolean on) {
        this.scalarSetReplies = on;
        return this;
    }

    /** Puts an error's text under {@code "error"} instead of {@code "message"}. */
    public MiioFaults errorsUnderError(boolean on) {
        this.errorsUnderError = on;
        return this;
    }

    /**
     * Answers (hellos and replies) under another device id, as a device that replaced this one at
     * the same address would (DHCP reuse, a swapped unit holding the same token); 0 for its own.
     */
    public MiioFaults answerAs(long deviceId) {
        if (deviceId < 0 || deviceId > 0xffff_ffffL) throw new IllegalArgumentException("device id out of range: " + deviceId);
        this.answerAsDeviceId = deviceId;
        return this;
    }

    public int rememberedIds() {
        return rememberedIds;
    }

    long restarts() {
        return restarts;
    }

    public boolean strictStamps() {
        return strictStamps;
    }

    public boolean repliesWithoutResult() {
        return repliesWithoutResult;
    }

    public boolean scalarSetReplies() {
        return scalarSetReplies;
    }

    public boolean errorsUnderError() {
        return errorsUnderError;
    }

    long answerAs() {
        return answerAsDeviceId;
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
