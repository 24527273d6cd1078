package dev.hearth.core.privacy;

import dev.hearth.protocols.cloud.v1.Availability;
import dev.hearth.protocols.cloud.v1.DeviceState;
import dev.hearth.protocols.cloud.v1.Registry;
import dev.hearth.protocols.cloud.v1.Telemetry;
import java.security.SecureRandom;
import java.util.Set;

/**
 * Cloud payloads made from raw protobuf, for tests of the cloud bridge's transport (outbox, link,
 * outages) that have no device behind them. Test code only: in the product, a payload is made by
 * the privacy package's factories from filtered data (see {@link CloudPayload}).
 */
public final class TestPayloads {
    private TestPayloads() {
    }

    public static CloudPayload<Telemetry> telemetry(Telemetry t) {
        return new CloudPayload<>(t);
    }

    public static CloudPayload<DeviceState> state(DeviceState s) {
        return new CloudPayload<>(s);
    }

    public static CloudPayload<Availability> availability(Availability a) {
        return new CloudPayload<>(a);
    }

    public static CloudPayload<Registry> registry(Registry r) {
        return new CloudPayload<>(r);
    }

    /** A reply filter for a home that knows no users (replies pass unchanged but for their type). */
    public static ReplyFilter replyFilter() {
        return new ReplyFilter(new Pseudonymiser(HomeKey.generate(new SecureRandom())), Set::of);
    }
}
