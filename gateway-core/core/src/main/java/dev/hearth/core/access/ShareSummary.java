package dev.hearth.core.access;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the device list shows of sharing: how many users hold an accepted, unexpired share that
 * covers the device (the device, its current room, or the home), and who shared it.
 *
 * @param sharedBy the granters' user ids, raw: callers pseudonymise them before they leave the home
 */
public record ShareSummary(int sharedWith, List<String> sharedBy) {
    public static final ShareSummary NONE = new ShareSummary(0, List.of());

    public ShareSummary {
        sharedBy = List.copyOf(sharedBy);
    }

    public static ShareSummary of(Collection<Share> shares, String deviceId, Optional<String> roomId, Instant now) {
        TreeSet<String> grantees = new TreeSet<>();
        TreeSet<String> granters = new TreeSet<>();
        for (Share s : shares) {
            if (!s.grantsAt(now) || !covers(s.scope(), deviceId, roomId)) continue;
            grantees.add(s.grantee());
            granters.add(s.granter());
        }
        return grantees.isEmpty() ? NONE : new ShareSummary(grantees.size(), List.copyOf(granters));
    }

    private static boolean covers(Scope scope, String deviceId, Optional<String> roomId) {
        if (scope instanceof DeviceScope d) return d.deviceId().equals(deviceId);
        if (scope instanceof RoomScope r) return roomId.filter(r.roomId()::equals).isPresent();
        return scope instanceof HomeScope;
    }
}
