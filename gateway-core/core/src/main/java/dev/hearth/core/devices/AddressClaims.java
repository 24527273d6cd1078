package dev.hearth.core.devices;

import dev.hearth.core.discovery.DiscoveryInbox;
import dev.hearth.core.discovery.PendingReason;
import dev.hearth.core.online.OnlineTracker;
import dev.hearth.core.registry.Registry;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.DriverContext;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Make-before-break for addresses (DESIGN.md section 5.2): an announcement naming another address
 * for an adopted device opens a claim there, which the device must win by authenticating. Won
 * while the adopted session is down: a move. Won while it is live: a collision (two devices with
 * one key), reported and left alone. Lost (refused, or silent for the claim timeout): dropped.
 * Every outcome is counted; each address is logged once per outcome and not dialled again for a
 * while. Decides under the session table's lock; what it tells others (the registry, the online
 * tracker, the inbox, whose listeners run on the calling thread) is told after the lock is released:
 * listeners never run under a lock.
 */
final class AddressClaims {
    private static final Logger LOG = LoggerFactory.getLogger(AddressClaims.class);

    private final SessionTable table;
    private final DriverContext context;
    private final SessionSettings settings;
    private final Registry registry;
    private final OnlineTracker tracker;
    private final DiscoveryInbox inbox;

    AddressClaims(SessionTable table, DriverContext context, SessionSettings settings, Registry registry,
                  OnlineTracker tracker, DiscoveryInbox inbox) {
        this.table = table;
        this.context = context;
        this.settings = settings;
        this.registry = registry;
        this.tracker = tracker;
        this.inbox = inbox;
    }

    /** An announcement put the device at {@code announced}'s address, which is not its session's. Under the table's lock. */
    void announced(DeviceSlot slot, DiscoveredDevice announced) {
        if (slot.claim != null && slot.claim.device.address().equals(announced.address())) return;
        Optional<ClaimMemory.Outcome> before = slot.claims.recall(announced.address(), context.clock().instant());
        if (before.isPresent() && (before.get() != ClaimMemory.Outcome.COLLISION || tracker.isLive(slot.id))) {
            context.counters().increment("unproven_claims", "suppressed");
            return;
        }
        start(slot, announced);
    }

    private void start(DeviceSlot slot, DiscoveredDevice announced) {
        drop(slot);
        // the pinned model, only the address from the announcement
        DiscoveredDevice candidate = new DiscoveredDevice(slot.id, slot.device().protocol(), slot.device().model(),
                announced.address(), announced.attributes());
        LOG.info("device {} announced at {} (its session is at {}): checking that it authenticates there", slot.id,
                candidate.address(), slot.device().address());
        DeviceSlot.Link claim = new DeviceSlot.Link(candidate);
        slot.claim = claim;
        slot.claimDeadline = context.scheduler().schedule(settings.claimTimeout(), () -> timedOut(slot, claim));
        table.connect(slot, claim);
    }

    /** The adopted session is down: a device that collided with it may be the same one, moved. */
    void retryCollision(DeviceSlot slot) {
        synchronized (table) {
            if (!table.current(slot) || slot.claim != null || tracker.isLive(slot.id)) return;
            slot.claims.collision(context.clock().instant()).ifPresent(address -> {
                slot.claims.forget(address);
                start(slot, new DiscoveredDevice(slot.id, slot.device().protocol(), slot.device().model(), address, Map.of()));
            });
        }
    }

    /** The claim's session came up (authenticated) or was refused; on the scheduler. */
    void event(DeviceSlot slot, DeviceSlot.Link claim, DeviceEvent event) {
        Runnable tell = null;
        synchronized (table) {
            if (!table.current(slot) || slot.claim != claim) return;
            Instant now = context.clock().instant();
            if (event instanceof DeviceEvent.Refused r) {
                drop(slot);
                context.counters().increment("unproven_claims", "refused");
                if (slot.claims.remember(claim.device.address(), ClaimMemory.Outcome.REFUSED, now)) {
                    LOG.warn("device {}: a device at {} claims its id but failed authentication ({}); ignored, the adopted "
                            + "session at {} is unchanged", slot.id, claim.device.address(), r.reason(), slot.device().address());
                }
            } else if (event instanceof DeviceEvent.CameOnline c) {
                tell = tracker.isLive(slot.id) ? collided(slot, claim, now) : moved(slot, claim, c);
            }
        }
        if (tell != null) tell.run();
    }

    /** Under the table's lock; returns what the inbox is to be told, after it. */
    private Runnable collided(DeviceSlot slot, DeviceSlot.Link claim, Instant now) {
        drop(slot);
        context.counters().increment("id_collisions", slot.device().protocol());
        if (slot.claims.remember(claim.device.address(), ClaimMemory.Outcome.COLLISION, now)) {
            LOG.warn("device {}: two devices prove its key, at {} (adopted) and at {}; both left as they are, "
                    + "reported in the discovery inbox", slot.id, slot.device().address(), claim.device.address());
        }
        String why = "two devices answer as " + slot.id + ": at " + hostPort(slot.device()) + " (adopted) and at " + hostPort(claim.device);
        DiscoveredDevice other = claim.device;
        return () -> inbox.offer(other, PendingReason.ID_COLLISION, why);
    }

    /**
     * The device authenticated at its new address while the old session is down: under the table's
     * lock the claim becomes the session; the registry and the tracker hear of it in the device's
     * lane, after the lock, in order with the new session's own events.
     */
    private Runnable moved(DeviceSlot slot, DeviceSlot.Link claim, DeviceEvent.CameOnline c) {
        DeviceSlot.Link old = slot.main;
        slot.claimDeadline.cancel();
        slot.claim = null;
        slot.main = claim;
        old.close();
        LOG.info("device {} moved from {} to {} (authenticated there)", slot.id, old.device.address(), claim.device.address());
        context.counters().increment("address_moves", slot.device().protocol());
        return () -> slot.lane.offer(false, () -> {
            if (!table.current(slot) || slot.main != claim) return; // closed or replaced meanwhile
            registry.recordAddress(slot.id, claim.device.address());
            tracker.cameOnline(slot.id, c.link(), c.at());
        });
    }

    private void timedOut(DeviceSlot slot, DeviceSlot.Link claim) {
        synchronized (table) {
            if (!table.current(slot) || slot.claim != claim) return;
            drop(slot);
            context.counters().increment("unproven_claims", "silent");
            if (slot.claims.remember(claim.device.address(), ClaimMemory.Outcome.SILENT, context.clock().instant())) {
                LOG.warn("device {}: announced at {}, but nothing there authenticated within {}; the session stays at {}",
                        slot.id, claim.device.address(), settings.claimTimeout(), slot.device().address());
            }
        }
    }

    /** Closes the slot's claim, if any. Under the table's lock. */
    static void drop(DeviceSlot slot) {
        slot.claimDeadline.cancel();
        if (slot.claim != null) slot.claim.close();
        slot.claim = null;
    }

    private static String hostPort(DiscoveredDevice d) {
        return d.address().getHostString() + ":" + d.address().getPort();
    }
}
