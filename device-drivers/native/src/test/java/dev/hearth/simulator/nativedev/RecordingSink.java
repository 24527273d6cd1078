package dev.hearth.simulator.nativedev;

import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.DeviceSink;
import java.util.ArrayList;
import java.util.List;

/** Keeps what one session reported, for a test to inspect from its own thread. */
final class RecordingSink implements DeviceSink {
    private final List<DeviceEvent> events = new ArrayList<>();

    @Override
    public synchronized void accept(DeviceEvent event) {
        events.add(event);
    }

    synchronized <T extends DeviceEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Every event so far, in order. */
    synchronized List<DeviceEvent> events() {
        return List.copyOf(events);
    }

    synchronized int count(Class<? extends DeviceEvent> type) {
        return (int) events.stream().filter(type::isInstance).count();
    }

    /** Whether the last online/offline event says the device is online. */
    synchronized boolean online() {
        for (int i = events.size() - 1; i >= 0; i--) {
            DeviceEvent e = events.get(i);
            if (e instanceof DeviceEvent.CameOnline) return true;
            if (e instanceof DeviceEvent.WentOffline || e instanceof DeviceEvent.Refused) return false;
        }
        return false;
    }
}
