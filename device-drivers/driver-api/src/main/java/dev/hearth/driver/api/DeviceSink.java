package dev.hearth.driver.api;

/**
 * The callback the core hands a session: the only way a driver reports back.
 *
 * <h2>Threading</h2>
 * A session calls {@link #accept} from its driver's threads, typically the I/O event loop that
 * decoded the frame, never concurrently for the same session and always in the order things
 * happened on the device. The core's sink only queues the event and returns at once: it never
 * blocks, takes no lock the driver could be waiting on, and runs none of the core's work (report
 * validation, registry, SQLite, privacy filter, cloud) on the calling thread. That work runs later
 * on the core's device-event workers, one event at a time per device and in the order accepted
 * (DESIGN.md section 12). So a driver may call {@code accept} from its event loop, and must not
 * expect the core to have seen an event when {@code accept} returns.
 *
 * <p>Bounds: each device has a bounded queue in the core. When a device reports faster than the
 * core handles its events, its newest {@link DeviceEvent.StateReported} and
 * {@link DeviceEvent.EventTriggered} are dropped and counted; link events ({@code CameOnline},
 * {@code WentOffline}, {@code Refused}) are kept. A driver therefore needs no flow control of its
 * own towards the core, but should still refuse a device that floods its link.
 */
@FunctionalInterface
public interface DeviceSink {
    void accept(DeviceEvent event);
}
