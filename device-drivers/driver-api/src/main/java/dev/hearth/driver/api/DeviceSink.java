package dev.hearth.driver.api;

/**
 * The callback the core hands a session: the only way a driver reports back.
 *
 * <p>Threading: a session may call {@link #accept} from any of its driver's threads, but never
 * concurrently for the same session and always in the order things happened on the device.
 * Implementations return quickly and never block.
 */
@FunctionalInterface
public interface DeviceSink {
    void accept(DeviceEvent event);
}
