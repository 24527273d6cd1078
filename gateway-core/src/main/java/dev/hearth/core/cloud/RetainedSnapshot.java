package dev.hearth.core.cloud;

import dev.hearth.core.privacy.CloudPayload;
import java.util.List;
import java.util.Optional;

/**
 * The current retained view the bridge re-publishes on every (re)connection: availability and
 * filtered state of every device, and the registry. The core implements it over the registry
 * (state through the privacy filter). Contract: it reflects at least everything already handed to
 * the bridge, so a queued older retained message can be superseded by it.
 */
public interface RetainedSnapshot {
    List<CloudPayload.AvailabilityOut> availabilities();

    List<CloudPayload.StateOut> states();

    Optional<CloudPayload.RegistryOut> registry();

    static RetainedSnapshot empty() {
        return new RetainedSnapshot() {
            @Override public List<CloudPayload.AvailabilityOut> availabilities() { return List.of(); }
            @Override public List<CloudPayload.StateOut> states() { return List.of(); }
            @Override public Optional<CloudPayload.RegistryOut> registry() { return Optional.empty(); }
        };
    }
}
