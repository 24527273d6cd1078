package dev.hearth.core.registry;

/**
 * Told of every registry change, after the in-memory record is updated (persisting may follow
 * later). Called on the thread that made the change, in order per device; must return quickly.
 */
@FunctionalInterface
public interface RegistryListener {
    void changed(RegistryChange change);
}
