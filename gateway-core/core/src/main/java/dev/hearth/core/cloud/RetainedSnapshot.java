package dev.hearth.core.cloud;

import dev.hearth.core.privacy.CloudPayload;
import dev.hearth.protocols.cloud.v1.Registry;
import dev.hearth.protocols.cloud.v1.DeviceState;
import dev.hearth.protocols.cloud.v1.Availability;
import java.util.List;
import java.util.Optional;

/**
 * The current retained view the bridge re-publishes on every (re)connection: availability and
 * filtered state of every device, and the registry. The core implements it over the registry
 * (state through the privacy filter). Contract: it reflects at least everything already handed to
 * the bridge, so a queued older retained message can be superseded by it.
 */
public interface RetainedSnapshot {
    List<CloudPayload<Availability>> availabilities();

    List<CloudPayload<DeviceState>> states();

    Optional<CloudPayload<Registry>> registry();

    static RetainedSnapshot empty() {
        return new RetainedSnapshot() {
            @Override public List<CloudPayload<Availability>> availabilities() { return List.of(); }
            @Override public List<CloudPayload<DeviceState>> states() { return List.of(); }
            @Override public Optional<CloudPayload<Registry>> registry() { return Optional.empty(); }
        };
    }
}
