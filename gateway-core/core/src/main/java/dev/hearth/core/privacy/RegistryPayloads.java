package dev.hearth.core.privacy;

import dev.hearth.core.access.Share;
import dev.hearth.protocols.cloud.v1.Registry;
import dev.hearth.core.access.ShareSummary;
import dev.hearth.core.home.Room;
import dev.hearth.core.online.Availability;
import dev.hearth.core.online.OnlineStatus;
import dev.hearth.core.registry.DeviceRecord;
import dev.hearth.protocols.cloud.v1.RegistryDevice;
import dev.hearth.protocols.cloud.v1.ShareStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Builds the availability and registry payloads. Neither carries device state; user ids in them
 * are pseudonymous (DESIGN.md section 7: "share status (pseudonymous user ids)"). Device and room
 * names leave as the owner typed them: they are the minimum the mini-program needs to show the
 * device list (the policy's 设备名称 and 房间设置, DESIGN.md section 1).
 */
public final class RegistryPayloads {
    private final String homeId;
    private final Pseudonymiser pseudonymiser;

    public RegistryPayloads(String homeId, Pseudonymiser pseudonymiser) {
        this.homeId = homeId;
        this.pseudonymiser = pseudonymiser;
    }

    public static CloudPayload<dev.hearth.protocols.cloud.v1.Availability> availability(Availability a) {
        return new CloudPayload<>(dev.hearth.protocols.cloud.v1.Availability.newBuilder()
                .setSchemaVersion(1)
                .setDevice(a.deviceId())
                .setStatus(status(a.status()))
                .setReason(a.reason().map(Enum::name).orElse(""))
                .setSinceMs(a.since().toEpochMilli())
                .setSession(a.session())
                .setDamped(a.damped())
                .build());
    }

    public CloudPayload<Registry> registry(List<DeviceRecord> devices, List<Room> rooms, Collection<Share> shares,
                                             Instant now) {
        var b = dev.hearth.protocols.cloud.v1.Registry.newBuilder()
                .setSchemaVersion(1)
                .setHome(homeId)
                .setUpdatedMs(now.toEpochMilli());
        for (Room r : rooms) {
            b.addRooms(dev.hearth.protocols.cloud.v1.Room.newBuilder().setId(r.id()).setName(r.name()));
        }
        for (DeviceRecord d : devices) {
            ShareSummary summary = ShareSummary.of(shares, d.id(), d.roomId(), now);
            ShareStatus.Builder share = ShareStatus.newBuilder().setSharedWith(summary.sharedWith());
            summary.sharedBy().forEach(u -> share.addSharedBy(pseudonymiser.pseudonym(u)));
            b.addDevices(RegistryDevice.newBuilder()
                    .setId(d.id())
                    .setName(d.name())
                    .setModel(d.model())
                    .setProtocol(d.protocol())
                    .setRoomId(d.roomId().orElse(""))
                    .setStatus(status(d.availability().status()))
                    .setReason(d.availability().reason().map(Enum::name).orElse(""))
                    .setShare(share));
        }
        return new CloudPayload<>(b.build());
    }

    private static dev.hearth.protocols.cloud.v1.Availability.Status status(OnlineStatus s) {
        return switch (s) {
            case ONLINE -> dev.hearth.protocols.cloud.v1.Availability.Status.ONLINE;
            case OFFLINE -> dev.hearth.protocols.cloud.v1.Availability.Status.OFFLINE;
            case UNKNOWN -> dev.hearth.protocols.cloud.v1.Availability.Status.UNKNOWN;
        };
    }
}
