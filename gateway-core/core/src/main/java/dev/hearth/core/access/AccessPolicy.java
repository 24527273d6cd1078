package dev.hearth.core.access;

import dev.hearth.core.registry.DeviceDirectory;
import dev.hearth.core.home.HomeBook;
import dev.hearth.core.home.Room;
import dev.hearth.core.home.RoomBook;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may do what (DESIGN.md section 6), as one function: {@link #decide}. It reads the live
 * owner, device-to-room map and share index at {@code now}, so a revocation, an expiry or a device
 * leaving a shared room counts from the next decision on, for the share and for every share whose
 * granter's right came from it. It changes nothing and logs nothing:
 * {@link AuditedAccess} adds the audit line.
 */
public final class AccessPolicy {
    private final RoomBook rooms;
    private final DeviceDirectory devices;
    private final Privileges privileges;
    private final PrivilegeSource source;

    public AccessPolicy(HomeBook home, RoomBook rooms, DeviceDirectory devices, ShareIndex shares) {
        this.rooms = Objects.requireNonNull(rooms, "rooms");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.privileges = new Privileges(home, devices, shares);
        this.source = privileges;
    }

    /**
     * Deciding from {@code source} instead of the shares ({@code trust: users}: the users' signed
     * grants); the shares' cascade ({@link #granterRight}) still reads the share index.
     */
    public AccessPolicy(HomeBook home, RoomBook rooms, DeviceDirectory devices, ShareIndex shares, PrivilegeSource source) {
        this.rooms = Objects.requireNonNull(rooms, "rooms");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.privileges = new Privileges(home, devices, shares);
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * Whether {@code user} may perform {@code op} on {@code target} at {@code now}. The target is a
     * device for device operations, a room or the home for EDIT_ROOM (the home: creating a room),
     * any scope for SHARE and REVOKE, the home for DELETE_HOME and CHANGE_OWNER.
     */
    public Decision decide(String user, Scope target, Operation op, Instant now) {
        Optional<String> badUser = UserIds.problem(user);
        if (badUser.isPresent()) {
            // never echo it: a refused id may be long or hold control characters
            return deny(Decision.Code.NO_ACCESS, badUser.get(), "-", target, op, Optional.empty());
        }
        if (!op.kind().appliesTo(target)) {
            return deny(Decision.Code.WRONG_TARGET, op.kind().label() + " applies to "
                    + op.kind().targetsDescription() + ", not " + describe(target), user, target, op, Optional.empty());
        }
        if (!exists(target)) {
            return deny(Decision.Code.UNKNOWN_TARGET, describe(target) + " is not in this home",
                    user, target, op, Optional.empty());
        }
        Optional<Grant> grant = source.highest(user, target, now);
        if (grant.isEmpty()) {
            return deny(Decision.Code.NO_ACCESS, "user " + user + " has no access to " + describe(target),
                    user, target, op, grant);
        }
        Grant g = grant.get();
        if (g.isOwnership()) {
            return new Decision(true, Decision.Code.OWNER, "user " + user + " owns the home", user, target, op, grant);
        }
        boolean enough = g.privilege().covers(op.required());
        String reason = "user " + user + " has " + g.privilege() + " on " + describe(g.scope())
                + " via " + (source == privileges ? "share " : "grant ") + g.via().orElseThrow() + "; " + op.kind().label() + " needs " + op.required();
        return enough
                ? new Decision(true, Decision.Code.SHARED, reason, user, target, op, grant)
                : deny(Decision.Code.INSUFFICIENT_PRIVILEGE, reason, user, target, op, grant);
    }

    /**
     * Whether {@code share}'s granter could still grant it at {@code now} (the cascade rule): the
     * grant the granter's right comes from, with its end, or empty when that right is gone.
     */
    public Optional<Grant> granterRight(Share share, Instant now) {
        return privileges.granterRight(share, now);
    }

    /** How many decisions a bound on the walk up the granters cut short (and so refused). */
    public long walksCutShort() {
        return privileges.cutShort();
    }

    private boolean exists(Scope target) {
        if (target instanceof DeviceScope d) return devices.exists(d.deviceId());
        if (target instanceof RoomScope r) return rooms.find(r.roomId()).isPresent();
        return true;
    }

    private String describe(Scope scope) {
        if (scope instanceof DeviceScope d) return "device " + d.deviceId();
        if (scope instanceof RoomScope r) {
            return rooms.find(r.roomId()).map(Room::name).map(n -> "room \"" + n + "\"").orElse("room " + r.roomId());
        }
        return "the home";
    }

    private static Decision deny(Decision.Code code, String reason, String user, Scope target, Operation op,
                                 Optional<Grant> grant) {
        return new Decision(false, code, reason, user, target, op, grant);
    }
}
