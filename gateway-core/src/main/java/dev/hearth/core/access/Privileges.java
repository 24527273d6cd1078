package dev.hearth.core.access;

import dev.hearth.core.home.DeviceDirectory;
import dev.hearth.core.home.HomeBook;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Computes the highest privilege a user holds on a target, and where it comes from.
 *
 * <ul>
 *   <li>home: the owner rule and the user's home shares;</li>
 *   <li>room: the above and the user's shares on that room;</li>
 *   <li>device: the above for the room the device is in <em>now</em>, and the device's shares.</li>
 * </ul>
 * Only shares ACCEPTED and unexpired at {@code now} count. Ties go to the broadest scope.
 */
public final class Privileges {
    private final HomeBook home;
    private final DeviceDirectory devices;
    private final ShareIndex index;

    public Privileges(HomeBook home, DeviceDirectory devices, ShareIndex index) {
        this.home = Objects.requireNonNull(home, "home");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.index = Objects.requireNonNull(index, "index");
    }

    /** The strongest grant {@code user} holds on {@code target} at {@code now}, if any. */
    public Optional<Grant> highest(String user, Scope target, Instant now) {
        if (home.owner().equals(user)) return Optional.of(Grant.ownership());
        ShareIndex.Grants grants = index.of(user);
        Share best = stronger(null, grants.home(), now);
        if (target instanceof RoomScope r) {
            best = stronger(best, grants.room(r.roomId()), now);
        } else if (target instanceof DeviceScope d) {
            Optional<String> room = devices.roomOf(d.deviceId());
            if (room.isPresent()) best = stronger(best, grants.room(room.get()), now);
            best = stronger(best, grants.device(d.deviceId()), now);
        }
        return best == null ? Optional.empty() : Optional.of(Grant.of(best));
    }

    private static Share stronger(Share best, List<Share> candidates, Instant now) {
        for (int i = 0; i < candidates.size(); i++) {
            Share s = candidates.get(i);
            if (s.grantsAt(now) && (best == null || s.privilege().compareTo(best.privilege()) > 0)) best = s;
        }
        return best;
    }
}
