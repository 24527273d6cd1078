package dev.hearth.driver.api;

import dev.hearth.driver.api.value.Value;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a device session reports to the core, through its {@link DeviceSink}. Nothing else
 * flows from a driver to the core.
 */
public sealed interface DeviceEvent {

    Instant at();

    /**
     * Property values the device reported. Keys are {@code "siid.piid"} where the protocol
     * addresses properties by id, or the field name the device used (legacy miIO names, unknown
     * firmware fields). A key the device's model does not list is an unknown field, which the
     * privacy filter treats with suspicion.
     */
    record StateReported(Map<String, Value> values, Instant at) implements DeviceEvent {
        public StateReported {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            Objects.requireNonNull(at, "at");
        }
    }

    /** An event ({@code "siid.eiid"}) with its arguments, keyed by argument name. */
    record EventTriggered(String event, Map<String, Value> args, Instant at) implements DeviceEvent {
        public EventTriggered {
            Objects.requireNonNull(event, "event");
            args = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args));
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * The session's link to the device came up. {@code link} increases with every new
     * connection of this session, so the core can ignore a late {@link WentOffline} of an old one.
     * {@code firmware} is what the device said of itself, when it did.
     */
    record CameOnline(long link, Optional<String> firmware, Instant at) implements DeviceEvent {
        public CameOnline {
            Objects.requireNonNull(firmware, "firmware");
            Objects.requireNonNull(at, "at");
        }
    }

    /** The link {@code link} went down, with a reason and a human-readable detail. */
    record WentOffline(long link, OfflineReason reason, String detail, Instant at) implements DeviceEvent {
        public WentOffline {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * The device failed authentication (wrong or unknown key, bad proof). The core must not
     * adopt it; the session stops trying until the core opens a new one.
     *
     * <p>{@code unauthenticated}: what failed is the other end's own plaintext rejection of the
     * gateway (a LAN v2 {@code Reject}), which proves nothing: the device sent it (its key
     * differs) or a relay did. The session then keeps reconnecting with backoff, as after a cut;
     * the core must change nothing adopted for it, and may only give up what was unproven anyway
     * (a claim at a new address).
     */
    record Refused(String reason, Instant at, boolean unauthenticated) implements DeviceEvent {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
        }

        /** The gateway's own verdict: the device proved nothing it had to. */
        public Refused(String reason, Instant at) {
            this(reason, at, false);
        }
    }
}
