package dev.hearth.core.privacy;

import com.google.protobuf.Message;
import dev.hearth.protocols.cloud.v1.Availability;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.DeviceState;
import dev.hearth.protocols.cloud.v1.Registry;
import dev.hearth.protocols.cloud.v1.Telemetry;
import java.util.Objects;

/**
 * Everything the cloud bridge will publish (DESIGN.md sections 1 and 3). Each variant can be made
 * only inside this package, by {@link CloudPayloads} from a {@link FilteredTelemetry} or from data
 * that carries no device state (availability; the registry with pseudonymous user ids), or by the
 * {@link ReplyFilter}: the bridge's up methods take nothing else, so a message that did not pass
 * a privacy rule cannot reach MQTT by construction. An ArchUnit rule in the tests guards it.
 */
public sealed interface CloudPayload {

    /** The protobuf message to encode. */
    Message message();

    /** A telemetry message ({@code devices/{device}/telemetry}) made from a {@link FilteredTelemetry}. */
    final class TelemetryOut implements CloudPayload {
        private final Telemetry message;

        TelemetryOut(Telemetry message) {
            this.message = Objects.requireNonNull(message, "message");
        }

        @Override
        public Telemetry message() {
            return message;
        }
    }

    /** A device's retained state ({@code devices/{device}/state}) made from a {@link FilteredTelemetry}. */
    final class StateOut implements CloudPayload {
        private final DeviceState message;

        StateOut(DeviceState message) {
            this.message = Objects.requireNonNull(message, "message");
        }

        @Override
        public DeviceState message() {
            return message;
        }
    }

    /** A device's availability: status, reason, since and session, no state. */
    final class AvailabilityOut implements CloudPayload {
        private final Availability message;

        AvailabilityOut(Availability message) {
            this.message = Objects.requireNonNull(message, "message");
        }

        @Override
        public Availability message() {
            return message;
        }
    }

    /** The registry topic: rooms, devices and share status, user ids pseudonymous. */
    final class RegistryOut implements CloudPayload {
        private final Registry message;

        RegistryOut(Registry message) {
            this.message = Objects.requireNonNull(message, "message");
        }

        @Override
        public Registry message() {
            return message;
        }
    }

    /** A command reply after the {@link ReplyFilter}: user ids other than the requester's pseudonymous. */
    final class ReplyOut implements CloudPayload {
        private final CommandReply message;

        ReplyOut(CommandReply message) {
            this.message = Objects.requireNonNull(message, "message");
        }

        @Override
        public CommandReply message() {
            return message;
        }
    }
}
