package dev.hearth.simulator.nativedev;

import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.lan.v1.LanMessage;
import dev.hearth.protocols.lan.v1.PropertyReport;
import dev.hearth.protocols.lan.v1.PropertyValue;
import java.time.Duration;
import java.util.Arrays;

/**
 * Plays a device's current {@link Fault}: the one-shot ones (close, garbage, oversized) when set
 * or after a handshake, the timed ones (flap, flood) on the runtime's scheduler. Confined to the
 * device's event loop; {@link #current()} is readable from any thread.
 */
final class FaultPlayer {
    private static final Duration FLOOD_TICK = Duration.ofMillis(10);

    private final SimulatedDevice device;
    private volatile Fault current;
    private boolean flappedDown;
    private int epoch;
    private double floodCredit;

    FaultPlayer(SimulatedDevice device, Fault initial) {
        this.device = device;
        this.current = initial;
    }

    Fault current() {
        return current;
    }

    /** False while a FLAP fault has the device "down". */
    boolean accepting() {
        return !flappedDown;
    }

    void set(Fault fault) {
        current = fault;
        resume();
        if (fault instanceof Fault.Close) {
            current = Fault.NONE;
            device.links().forEach(DeviceLink::close);
        } else if (fault instanceof Fault.Garbage || fault instanceof Fault.Oversized) {
            device.links().stream().filter(DeviceLink::welcomed).forEach(this::sendBadFrame);
        }
    }

    /** (Re)arms the timers of the current fault: when it is set and when the device starts again. */
    void resume() {
        int e = ++epoch;
        flappedDown = false;
        floodCredit = 0;
        if (current instanceof Fault.Flap flap) {
            device.scheduler().schedule(flap.every(), () -> device.onLoop(() -> flip(e, flap)));
        } else if (current instanceof Fault.Flood flood) {
            device.scheduler().schedule(FLOOD_TICK, () -> device.onLoop(() -> flood(e, flood)));
        }
    }

    void afterHandshake(DeviceLink link) {
        if (current instanceof Fault.Garbage || current instanceof Fault.Oversized) sendBadFrame(link);
    }

    private void flip(int e, Fault.Flap flap) {
        if (e != epoch || !device.running()) return;
        flappedDown = !flappedDown;
        if (flappedDown) device.links().forEach(DeviceLink::close);
        device.scheduler().schedule(flap.every(), () -> device.onLoop(() -> flip(e, flap)));
    }

    private void flood(int e, Fault.Flood flood) {
        if (e != epoch || !device.running()) return;
        floodCredit += flood.perSecond() * (FLOOD_TICK.toMillis() / 1000.0);
        long rssi = -40;
        while (floodCredit >= 1) {
            floodCredit--;
            for (DeviceLink link : device.links()) {
                if (!link.welcomed()) continue;
                link.send(LanMessage.newBuilder().setPropertyReport(PropertyReport.newBuilder().setSeq(link.nextSeq())
                        .addValues(LanWire.declared("1.4", Value.of(rssi)))).build());
            }
        }
        device.scheduler().schedule(FLOOD_TICK, () -> device.onLoop(() -> flood(e, flood)));
    }

    private void sendBadFrame(DeviceLink link) {
        if (current instanceof Fault.Oversized big) {
            link.send(oversized(big.bytes()));
        } else {
            link.sendBody(garbage());
        }
    }

    /** A body that is not protobuf (0xFF is an invalid wire type); sealed on a v2 link, so only its content is bad. */
    private static byte[] garbage() {
        byte[] body = new byte[16];
        Arrays.fill(body, (byte) 0xFF);
        return body;
    }

    /** A well-formed PropertyReport that is simply too big: an unknown field with a long string. */
    private static LanMessage oversized(int bytes) {
        return LanMessage.newBuilder().setPropertyReport(PropertyReport.newBuilder()
                .addValues(PropertyValue.newBuilder().setName("blob")
                        .setValue(dev.hearth.protocols.lan.v1.Value.newBuilder().setStringValue("x".repeat(bytes)))))
                .build();
    }
}
