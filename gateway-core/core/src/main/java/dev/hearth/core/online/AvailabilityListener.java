package dev.hearth.core.online;

/**
 * Told of every published availability change. Called on the thread that caused the change,
 * in order per device; must return quickly and not block.
 */
@FunctionalInterface
public interface AvailabilityListener {
    void availabilityChanged(Availability availability);
}
