package dev.hearth.driver.miio;

import dev.hearth.driver.api.DriverState;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * Where one device's request ids stand, kept across gateway restarts: real devices silently drop
 * an id they saw recently, so a gateway that starts again at 1 is not answered (python-miio keeps
 * its ids in a cache file for the same reason). Ids run 1–{@value #MAX_ID} and wrap.
 *
 * <p>The store holds a reservation, not every id: the id up to which this run may go
 * ({@value #RESERVE} ahead), renewed before it is reached, so a restarted session starts past any id
 * the last run used at the cost of one write per {@value #RESERVE} ids. Confined to the session's thread.
 */
final class RequestIds {
    static final int MAX_ID = 9999;
    static final String KEY = "miio.request-ids";
    /** How many ids one stored reservation covers. */
    static final int RESERVE = 500;

    private final DriverState state;
    private final String deviceId;
    private int last;
    private int sinceReserved;

    /** Continues after what {@code state} holds for {@code deviceId}; a device never seen starts at 1. */
    RequestIds(DriverState state, String deviceId) {
        this.state = state;
        this.deviceId = deviceId;
        this.last = state.get(deviceId, KEY).flatMap(RequestIds::parse).orElse(0);
        reserve();
    }

    /** An id for tests and tools that keep nothing: starts at 1. */
    static RequestIds unpersisted() {
        return new RequestIds(DriverState.inMemory(), "unpersisted");
    }

    /** The id {@code step} after the last one, skipping ids {@code inUse} says are taken. */
    int next(int step, IntPredicate inUse) {
        int id = wrap(last + step);
        int advance = step;
        while (inUse.test(id)) {
            id = wrap(id + 1);
            advance++;
        }
        // renew the reservation before this id could pass it
        if (sinceReserved + advance > RESERVE) reserve();
        sinceReserved += advance;
        last = id;
        return id;
    }

    private void reserve() {
        // refused only for a store that is full; the ids still work, only a restart may repeat some
        state.put(deviceId, KEY, Integer.toString(wrap(last + RESERVE)));
        sinceReserved = 0;
    }

    static int wrap(int id) {
        return Math.floorMod(id - 1, MAX_ID) + 1;
    }

    private static Optional<Integer> parse(String stored) {
        try {
            int id = Integer.parseInt(stored.strip());
            return id >= 1 && id <= MAX_ID ? Optional.of(id) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
