package dev.hearth.core.privacy;

import com.google.protobuf.Message;
import java.util.Objects;

/**
 * Everything the cloud bridge will publish (DESIGN.md sections 1 and 3): a protobuf message that
 * passed a privacy rule. Only this package can make one (the constructor is package-private):
 * {@link TelemetryPayloads} from a {@link FilteredTelemetry} (telemetry, retained state),
 * {@link RegistryPayloads} (availability, which carries no state; the registry, user ids
 * pseudonymous) and the {@link ReplyFilter} (command replies). The bridge's up methods take
 * nothing else, so a message that did not pass a privacy rule cannot reach MQTT by construction;
 * an ArchUnit rule in the tests guards it.
 *
 * @param <M> the cloud.proto message: Telemetry, DeviceState, Availability, Registry or CommandReply
 */
public final class CloudPayload<M extends Message> {
    private final M message;

    CloudPayload(M message) {
        this.message = Objects.requireNonNull(message, "message");
    }

    /** The protobuf message to encode. */
    public M message() {
        return message;
    }

    @Override
    public String toString() {
        return "CloudPayload[" + message.getDescriptorForType().getName() + "]";
    }
}
