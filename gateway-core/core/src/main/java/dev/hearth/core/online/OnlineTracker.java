package dev.hearth.core.online;

import dev.hearth.config.FlapDamping;

import dev.hearth.driver.api.OfflineReason;
import dev.hearth.driver.api.Scheduler;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The online status of every device (DESIGN.md section 5): UNKNOWN, then ONLINE and OFFLINE,
 * each change with a reason, a {@code since} and a session number that increases at each
 * ONLINE. A {@code WentOffline} of a link other than the current one is late and ignored.
 *
 * <p>Flap damping: {@link FlapDamping#transitions()} ONLINE/OFFLINE changes within
 * {@link FlapDamping#window()} freeze the published status (marked damped) for
 * {@link FlapDamping#hold()}; the live status is published when the hold ends.
 *
 * <p>Thread-safe. Listeners never run under the tracker's lock: a change is queued under it and
 * delivered after it is released, by one thread at a time, so every listener sees all changes in
 * the order they were made (a thread that changes something while another delivers leaves the
 * delivery to that thread). A listener may call back into the tracker.
 */
public final class OnlineTracker {
    private static final Logger LOG = LoggerFactory.getLogger(OnlineTracker.class);

    private final Clock clock;
    private final Scheduler scheduler;
    private final FlapDamping settings;
    private final Map<String, Track> tracks = new HashMap<>();
    private final List<AvailabilityListener> listeners = new CopyOnWriteArrayList<>();
    private boolean stopping;
    /** Changes made but not yet told to the listeners, oldest first; guarded by the tracker's lock. */
    private final Deque<Availability> undelivered = new ArrayDeque<>();
    /** Whether a thread is delivering {@link #undelivered}; guarded by the tracker's lock. */
    private boolean delivering;

    public OnlineTracker(Clock clock, Scheduler scheduler, FlapDamping settings) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public void addListener(AvailabilityListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Starts tracking a device as UNKNOWN, continuing its session numbers after {@code lastSession}
     * (from the registry, so sessions keep increasing across gateway restarts). No-op if tracked.
     */
    public synchronized void track(String deviceId, long lastSession) {
        tracks.computeIfAbsent(deviceId, id -> new Track(Availability.unknown(id, clock.instant(), lastSession)));
    }

    /** The published availability, if the device is tracked. */
    public synchronized Optional<Availability> availability(String deviceId) {
        return Optional.ofNullable(tracks.get(deviceId)).map(t -> t.published);
    }

    /** Whether the device's live link is up, whatever damping shows. */
    public synchronized boolean isLive(String deviceId) {
        Track t = tracks.get(deviceId);
        return t != null && t.live.online();
    }

    /** Link {@code link} of the device's session came up: ONLINE with the next session number. */
    public void cameOnline(String deviceId, long link, Instant at) {
        synchronized (this) {
            cameOnlineLocked(deviceId, link, at);
        }
        deliver();
    }

    private void cameOnlineLocked(String deviceId, long link, Instant at) {
        if (stopping) return;
        Track t = tracks.computeIfAbsent(deviceId, id -> new Track(Availability.unknown(id, at, 0)));
        t.link = link;
        change(t, new Availability(deviceId, OnlineStatus.ONLINE, Optional.empty(), "link " + link + " up",
                at, t.live.session() + 1, false));
    }

    /**
     * Link {@code link} went down, or a device never reached (still UNKNOWN) gave up on its first
     * attempts (a miIO device holding another token stays silent). Ignored for any other link and
     * when already OFFLINE.
     */
    public void wentOffline(String deviceId, long link, OfflineReason reason, String detail, Instant at) {
        synchronized (this) {
            wentOfflineLocked(deviceId, link, reason, detail, at);
        }
        deliver();
    }

    private void wentOfflineLocked(String deviceId, long link, OfflineReason reason, String detail, Instant at) {
        if (stopping) return;
        Track t = tracks.get(deviceId);
        if (t == null || t.link != link || t.live.status() == OnlineStatus.OFFLINE) {
            LOG.debug("device {}: ignoring late offline of link {} ({})", deviceId, link, reason);
            return;
        }
        offline(t, reason, detail, at);
    }

    /** An OFFLINE the core itself observed (an mDNS goodbye), whatever the link. Ignored if already OFFLINE. */
    public void markOffline(String deviceId, OfflineReason reason, String detail, Instant at) {
        synchronized (this) {
            markOfflineLocked(deviceId, reason, detail, at);
        }
        deliver();
    }

    private void markOfflineLocked(String deviceId, OfflineReason reason, String detail, Instant at) {
        if (stopping) return;
        Track t = tracks.get(deviceId);
        if (t == null || t.live.status() == OnlineStatus.OFFLINE) return;
        offline(t, reason, detail, at);
    }

    /** Stops tracking a device (removed, or refused before it was ever online). Publishes nothing. */
    public synchronized void forget(String deviceId) {
        Track t = tracks.remove(deviceId);
        if (t != null) t.cancelHold();
    }

    /**
     * The gateway is stopping: every device shown or live ONLINE becomes OFFLINE GATEWAY_STOPPING,
     * holds end, and later reports are ignored.
     */
    public void gatewayStopping() {
        synchronized (this) {
            stoppingLocked();
        }
        deliver();
    }

    private void stoppingLocked() {
        stopping = true;
        Instant now = clock.instant();
        for (Track t : tracks.values()) {
            t.cancelHold();
            if (t.live.online() || t.published.online() || t.published.damped()) {
                Availability a = new Availability(t.live.deviceId(), OnlineStatus.OFFLINE,
                        Optional.of(OfflineReason.GATEWAY_STOPPING), "gateway stopping", now, t.live.session(), false);
                t.live = a;
                publish(t, a);
            }
        }
    }

    private void offline(Track t, OfflineReason reason, String detail, Instant at) {
        change(t, new Availability(t.live.deviceId(), OnlineStatus.OFFLINE, Optional.of(reason), detail, at,
                t.live.session(), false));
    }

    private void change(Track t, Availability next) {
        boolean flap = t.live.status() != OnlineStatus.UNKNOWN && t.live.status() != next.status();
        t.live = next;
        if (flap) {
            Instant now = clock.instant();
            t.transitions.addLast(now);
            while (!t.transitions.isEmpty() && t.transitions.peekFirst().isBefore(now.minus(settings.window()))) {
                t.transitions.removeFirst();
            }
        }
        if (t.hold != null) return;
        if (flap && t.transitions.size() >= settings.transitions()) {
            t.hold = scheduler.schedule(settings.hold(), () -> release(t));
            LOG.info("device {} is flapping ({} changes within {}): holding it {} for {}", next.deviceId(),
                    t.transitions.size(), settings.window(), t.published.status(), settings.hold());
            publish(t, t.published.damped(true));
            return;
        }
        publish(t, next);
    }

    private void release(Track t) {
        synchronized (this) {
            if (t.hold == null || tracks.get(t.live.deviceId()) != t) return;
            t.hold = null;
            t.transitions.clear();
            publish(t, t.live);
        }
        deliver();
    }

    private void publish(Track t, Availability a) {
        t.published = a;
        if (a.status() == OnlineStatus.OFFLINE) {
            LOG.info("device {} OFFLINE: {} ({}){}", a.deviceId(), a.reason().orElseThrow(), a.detail(),
                    a.damped() ? " [damped]" : "");
        } else {
            LOG.info("device {} {} (session {}){}", a.deviceId(), a.status(), a.session(), a.damped() ? " [damped]" : "");
        }
        undelivered.addLast(a);
    }

    /** Tells the listeners what was queued, outside the lock; if another thread is at it, leaves it to that one. */
    private void deliver() {
        synchronized (this) {
            if (delivering) return;
            delivering = true;
        }
        while (true) {
            Availability a;
            synchronized (this) {
                a = undelivered.pollFirst();
                if (a == null) {
                    delivering = false;
                    return;
                }
            }
            for (AvailabilityListener l : listeners) {
                try {
                    l.availabilityChanged(a);
                } catch (RuntimeException e) {
                    LOG.warn("availability listener failed for device {}: {}", a.deviceId(), e.toString(), e);
                }
            }
        }
    }

    /** Per-device state; guarded by the tracker's lock. */
    private static final class Track {
        Availability live;
        Availability published;
        long link;
        final Deque<Instant> transitions = new ArrayDeque<>();
        Scheduler.Cancellable hold;

        Track(Availability initial) {
            live = initial;
            published = initial;
        }

        void cancelHold() {
            if (hold != null) {
                hold.cancel();
                hold = null;
            }
        }
    }
}
