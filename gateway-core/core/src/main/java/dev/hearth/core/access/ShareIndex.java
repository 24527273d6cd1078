package dev.hearth.core.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The accepted shares, by grantee and then by scope kind, so a decision looks at the shares of
 * one user on three keys (the home, the device's room, the device) and never scans all shares.
 *
 * <p>Readers are lock-free: each user's {@link Grants} is immutable and replaced whole on a change
 * (copy-on-write), so a decision sees either the old or the new set, never half of one. Expiry is
 * not applied here: readers check {@link Share#grantsAt} against their {@code now}.
 */
public final class ShareIndex {

    /** One user's accepted shares, grouped by scope kind. Immutable. */
    public record Grants(List<Share> home, Map<String, List<Share>> rooms, Map<String, List<Share>> devices) {
        static final Grants NONE = new Grants(List.of(), Map.of(), Map.of());

        public Grants {
            home = List.copyOf(home);
            rooms = Map.copyOf(rooms);
            devices = Map.copyOf(devices);
        }

        public List<Share> room(String roomId) {
            return rooms.getOrDefault(roomId, List.of());
        }

        public List<Share> device(String deviceId) {
            return devices.getOrDefault(deviceId, List.of());
        }

        static Grants of(Collection<Share> shares) {
            List<Share> home = new ArrayList<>();
            Map<String, List<Share>> rooms = new HashMap<>();
            Map<String, List<Share>> devices = new HashMap<>();
            for (Share s : shares) {
                if (s.scope() instanceof HomeScope) {
                    home.add(s);
                } else if (s.scope() instanceof RoomScope r) {
                    rooms.computeIfAbsent(r.roomId(), k -> new ArrayList<>()).add(s);
                } else if (s.scope() instanceof DeviceScope d) {
                    devices.computeIfAbsent(d.deviceId(), k -> new ArrayList<>()).add(s);
                }
            }
            rooms.replaceAll((k, v) -> List.copyOf(v));
            devices.replaceAll((k, v) -> List.copyOf(v));
            return new Grants(home, rooms, devices);
        }
    }

    private final Map<String, Grants> byGrantee = new ConcurrentHashMap<>();
    /** The source of truth for rebuilding a user's Grants: share id -> share, per grantee. */
    private final Map<String, Map<String, Share>> accepted = new HashMap<>();

    /** The accepted shares of {@code user} (possibly expired by now: check {@link Share#grantsAt}). */
    public Grants of(String user) {
        return byGrantee.getOrDefault(user, Grants.NONE);
    }

    /** Adds, replaces or removes the share: it is indexed exactly while its state is ACCEPTED. */
    synchronized void put(Share share) {
        Map<String, Share> mine = accepted.computeIfAbsent(share.grantee(), k -> new HashMap<>());
        if (share.state() == ShareState.ACCEPTED) {
            mine.put(share.id(), share);
        } else {
            mine.remove(share.id());
        }
        publish(share.grantee(), mine);
    }

    synchronized void removeGrantee(String user) {
        accepted.remove(user);
        byGrantee.remove(user);
    }

    private void publish(String user, Map<String, Share> mine) {
        if (mine.isEmpty()) {
            accepted.remove(user);
            byGrantee.remove(user);
        } else {
            byGrantee.put(user, Grants.of(mine.values()));
        }
    }
}
