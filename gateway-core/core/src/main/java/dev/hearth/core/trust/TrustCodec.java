package dev.hearth.core.trust;

import dev.hearth.core.access.DeviceScope;
import dev.hearth.core.access.RoomScope;
import dev.hearth.core.access.Scope;
import dev.hearth.driver.api.model.Privilege;
import java.util.Optional;

/** Between the wire's privilege and scope and the access package's; empty for anything unset or unknown. */
final class TrustCodec {
    private TrustCodec() {
    }

    static Optional<Privilege> privilege(dev.hearth.protocols.cloud.v1.Privilege p) {
        return switch (p) {
            case VIEW -> Optional.of(Privilege.VIEW);
            case OPERATE -> Optional.of(Privilege.OPERATE);
            case MANAGE -> Optional.of(Privilege.MANAGE);
            case OWNER -> Optional.of(Privilege.OWNER);
            default -> Optional.empty();
        };
    }

    static dev.hearth.protocols.cloud.v1.Privilege wire(Privilege p) {
        return dev.hearth.protocols.cloud.v1.Privilege.valueOf(p.name());
    }

    static Optional<Scope> scope(dev.hearth.protocols.cloud.v1.Scope s) {
        try {
            return switch (s.getTargetCase()) {
                case DEVICE -> Optional.of(new DeviceScope(s.getDevice()));
                case ROOM_ID -> Optional.of(new RoomScope(s.getRoomId()));
                case HOME -> s.getHome() ? Optional.of(Scope.HOME) : Optional.empty();
                default -> Optional.empty();
            };
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static dev.hearth.protocols.cloud.v1.Scope wire(Scope s) {
        var b = dev.hearth.protocols.cloud.v1.Scope.newBuilder();
        if (s instanceof DeviceScope d) return b.setDevice(d.deviceId()).build();
        if (s instanceof RoomScope r) return b.setRoomId(r.roomId()).build();
        return b.setHome(true).build();
    }
}
