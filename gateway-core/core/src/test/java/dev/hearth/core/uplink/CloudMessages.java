package dev.hearth.core.uplink;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.hearth.core.cloud.CloudSubscriber;
import dev.hearth.protocols.cloud.v1.Availability;
import dev.hearth.protocols.cloud.v1.DeviceState;
import dev.hearth.protocols.cloud.v1.GatewayStatus;
import java.util.List;
import java.util.Optional;

/** Decodes what a {@link CloudSubscriber} received on the gateway's topics. */
final class CloudMessages {
    private CloudMessages() {
    }

    static Optional<GatewayStatus> status(CloudSubscriber.Received r) {
        if (!r.topic().equals(CloudGateway.TOPICS.status())) return Optional.empty();
        return Optional.of(parse(() -> GatewayStatus.parseFrom(r.payload()), r));
    }

    static Optional<Availability> availability(CloudSubscriber.Received r, String device) {
        if (!r.topic().equals(CloudGateway.TOPICS.availability(device))) return Optional.empty();
        return Optional.of(parse(() -> Availability.parseFrom(r.payload()), r));
    }

    static Optional<DeviceState> state(CloudSubscriber.Received r, String device) {
        if (!r.topic().equals(CloudGateway.TOPICS.state(device))) return Optional.empty();
        return Optional.of(parse(() -> DeviceState.parseFrom(r.payload()), r));
    }

    /** The last gateway status among {@code received}, if any. */
    static Optional<GatewayStatus> lastStatus(List<CloudSubscriber.Received> received) {
        return received.stream().map(CloudMessages::status).flatMap(Optional::stream).reduce((a, b) -> b);
    }

    static Optional<Availability> lastAvailability(List<CloudSubscriber.Received> received, String device) {
        return received.stream().map(r -> availability(r, device)).flatMap(Optional::stream).reduce((a, b) -> b);
    }

    static Optional<DeviceState> lastState(List<CloudSubscriber.Received> received, String device) {
        return received.stream().map(r -> state(r, device)).flatMap(Optional::stream).reduce((a, b) -> b);
    }

    /** The value of property {@code key} in a state, as the cloud sees it. */
    static Optional<dev.hearth.protocols.cloud.v1.Value> property(DeviceState s, String key) {
        return s.getPropertiesList().stream().filter(p -> p.getKey().equals(key)).map(p -> p.getValue()).findFirst();
    }

    private interface Parser<T> {
        T parse() throws InvalidProtocolBufferException;
    }

    private static <T> T parse(Parser<T> parser, CloudSubscriber.Received r) {
        try {
            return parser.parse();
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("undecodable payload on " + r.topic(), e);
        }
    }
}
