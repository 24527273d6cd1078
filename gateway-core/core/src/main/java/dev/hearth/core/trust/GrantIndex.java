package dev.hearth.core.trust;

import com.google.protobuf.ByteString;
import dev.hearth.core.access.DeviceScope;
import dev.hearth.core.access.HomeScope;
import dev.hearth.core.access.RoomScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The enrolled owner keys and the signed grants, indexed so that a decision looks at one user's
 * accepted grants on three keys (the home, the device's room, the device) and never scans all
 * grants. Readers are lock-free: owner sets and each user's {@link Accepted} are immutable and
 * replaced whole (copy-on-write). Writers are the {@link TrustBook} only, one at a time.
 */
public final class GrantIndex {

    /** One user's accepted grants by scope kind. Immutable. Time and chain are checked by readers. */
    public record Accepted(List<KeyGrant> home, Map<String, List<KeyGrant>> rooms, Map<String, List<KeyGrant>> devices) {
        static final Accepted NONE = new Accepted(List.of(), Map.of(), Map.of());

        public Accepted {
            home = List.copyOf(home);
            rooms = Map.copyOf(rooms);
            devices = Map.copyOf(devices);
        }

        public List<KeyGrant> room(String roomId) {
            return rooms.getOrDefault(roomId, List.of());
        }

        public List<KeyGrant> device(String deviceId) {
            return devices.getOrDefault(deviceId, List.of());
        }

        static Accepted of(Collection<KeyGrant> grants) {
            List<KeyGrant> home = new ArrayList<>();
            Map<String, List<KeyGrant>> rooms = new HashMap<>();
            Map<String, List<KeyGrant>> devices = new HashMap<>();
            for (KeyGrant g : grants) {
                if (g.scope() instanceof HomeScope) home.add(g);
                else if (g.scope() instanceof RoomScope r) rooms.computeIfAbsent(r.roomId(), k -> new ArrayList<>()).add(g);
                else if (g.scope() instanceof DeviceScope d) devices.computeIfAbsent(d.deviceId(), k -> new ArrayList<>()).add(g);
            }
            rooms.replaceAll((k, v) -> List.copyOf(v));
            devices.replaceAll((k, v) -> List.copyOf(v));
            return new Accepted(home, rooms, devices);
        }
    }

    private volatile Map<String, UserKey> owners = Map.of();
    private final Map<String, KeyGrant> byId = new LinkedHashMap<>();
    private final Map<ByteString, String> idByHash = new HashMap<>();
    private final Map<String, Accepted> acceptedByGrantee = new ConcurrentHashMap<>();
    private final Map<String, Map<String, KeyGrant>> acceptedSource = new HashMap<>();
    /** How many grants name each key (as granter or grantee): a key is known while this is above 0. */
    private final Map<String, Integer> mentions = new ConcurrentHashMap<>();
    /** Fingerprints of erased keys (a tombstone in the log): never known again, never re-enrolled. */
    private final Set<String> erased = ConcurrentHashMap.newKeySet();

    /** Whether {@code fingerprint} is an enrolled owner key. */
    public boolean isEnrolledOwner(String fingerprint) {
        return owners.containsKey(fingerprint);
    }

    /** The enrolled owner keys, by fingerprint. */
    public Map<String, UserKey> owners() {
        return owners;
    }

    /** Whether the key is enrolled or named by some grant (only such keys get counters on disk). */
    public boolean knows(String fingerprint) {
        if (erased.contains(fingerprint)) return false;
        return owners.containsKey(fingerprint) || mentions.containsKey(fingerprint);
    }

    /** Whether {@code fingerprint}'s key was erased (its tombstone is in the log). */
    public boolean isErased(String fingerprint) {
        return erased.contains(fingerprint);
    }

    /** The key with this fingerprint, if an enrolment or a grant names it. */
    public synchronized Optional<UserKey> key(String fingerprint) {
        UserKey owner = owners.get(fingerprint);
        if (owner != null) return Optional.of(owner);
        for (KeyGrant g : byId.values()) {
            if (g.granter().fingerprint().equals(fingerprint)) return Optional.of(g.granter());
            if (g.grantee().fingerprint().equals(fingerprint)) return Optional.of(g.grantee());
        }
        return Optional.empty();
    }

    /** The accepted grants of {@code fingerprint} (possibly out of time by now). */
    public Accepted acceptedOf(String fingerprint) {
        return acceptedByGrantee.getOrDefault(fingerprint, Accepted.NONE);
    }

    synchronized Optional<KeyGrant> find(String grantId) {
        return Optional.ofNullable(byId.get(grantId));
    }

    synchronized Optional<KeyGrant> byHash(ByteString hash) {
        return Optional.ofNullable(idByHash.get(hash)).map(byId::get);
    }

    synchronized int size() {
        return byId.size();
    }

    /** Every grant, in the order it was made. */
    public synchronized List<KeyGrant> all() {
        return List.copyOf(byId.values());
    }

    synchronized void enrol(UserKey key) {
        Map<String, UserKey> next = new LinkedHashMap<>(owners);
        next.put(key.fingerprint(), key);
        owners = Map.copyOf(next);
    }

    synchronized void put(KeyGrant g) {
        KeyGrant before = byId.put(g.id(), g);
        if (before == null) {
            idByHash.put(g.hash(), g.id());
            mentions.merge(g.granter().fingerprint(), 1, Integer::sum);
            mentions.merge(g.grantee().fingerprint(), 1, Integer::sum);
        }
        String grantee = g.grantee().fingerprint();
        Map<String, KeyGrant> mine = acceptedSource.computeIfAbsent(grantee, k -> new HashMap<>());
        if (g.state() == GrantState.ACCEPTED) mine.put(g.id(), g);
        else mine.remove(g.id());
        if (mine.isEmpty()) {
            acceptedSource.remove(grantee);
            acceptedByGrantee.remove(grantee);
        } else {
            acceptedByGrantee.put(grantee, Accepted.of(mine.values()));
        }
    }

    /**
     * Applies a tombstone: the key stops being an owner, every grant it gave or received that has
     * not ended is REVOKED (so what others hold through it ends too, by the chain rule), and the
     * fingerprint is remembered as erased. Returns how many grants it revoked.
     */
    synchronized int erase(String fingerprint) {
        erased.add(fingerprint);
        if (owners.containsKey(fingerprint)) {
            Map<String, UserKey> next = new LinkedHashMap<>(owners);
            next.remove(fingerprint);
            owners = Map.copyOf(next);
        }
        int revoked = 0;
        for (KeyGrant g : List.copyOf(byId.values())) {
            if (g.state().isFinal()) continue;
            if (g.granter().fingerprint().equals(fingerprint) || g.grantee().fingerprint().equals(fingerprint)) {
                put(g.withState(GrantState.REVOKED));
                revoked++;
            }
        }
        return revoked;
    }

    /** Forgets everything (the log could not be verified: nothing in it may count). */
    synchronized void clear() {
        owners = Map.of();
        byId.clear();
        idByHash.clear();
        acceptedByGrantee.clear();
        acceptedSource.clear();
        mentions.clear();
        erased.clear();
    }

    /** The fingerprints of every key the index knows. */
    synchronized Set<String> keys() {
        Set<String> all = new java.util.HashSet<>(owners.keySet());
        all.addAll(mentions.keySet());
        return all;
    }
}
