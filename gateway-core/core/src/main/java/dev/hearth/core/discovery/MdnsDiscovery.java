package dev.hearth.core.discovery;

import dev.hearth.driver.api.Announcement;
import dev.hearth.driver.api.Backoff;
import dev.hearth.driver.api.DeviceDriver;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.DriverCounters;
import dev.hearth.driver.api.Scheduler;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one component that owns jmdns: a jmdns per configured IPv4 address, browsing every service
 * type the drivers claim. A resolved service becomes a neutral {@link Announcement}, which the
 * drivers claiming its type {@link DeviceDriver#recognize recognise}; a withdrawn one becomes a
 * {@link DiscoveryListener#goodbye}. Discovery only informs: adoption is decided elsewhere.
 *
 * <p>jmdns alone is not enough to find a device again: once a device's SRV/A records expired and
 * its PTR record is still cached, jmdns fires no new add or resolve when the device announces
 * again. So discovery queries every claimed type itself ({@link JmDNS#list}) at start, every
 * {@link DiscoverySettings#requeryEvery()} with jitter, and when the core misses a known device
 * ({@link #requeryNow()}); each answer goes through the same path as a resolve. Queries run on the
 * discovery's own thread, never on a jmdns callback thread.
 */
public final class MdnsDiscovery implements AutoCloseable {
    /** Services remembered (to recognise their goodbyes) at most, and resolves waiting at most. */
    static final int MAX_KNOWN_SERVICES = 4096;
    static final int RESOLVE_QUEUE = 256;
    private static final Logger LOG = LoggerFactory.getLogger(MdnsDiscovery.class);
    /** How long one re-query waits for answers. */
    private static final long LIST_WAIT_MS = 1500;
    /** Expired services remembered for a direct look-up (a bound: any LAN host can make records expire). */
    private static final int MAX_EXPIRED = 256;
    /** Expired services looked up per re-query (each look-up may block the discovery thread for seconds). */
    private static final int LOOKUPS_PER_REQUERY = 4;

    private final DiscoverySettings settings;
    private final Map<String, List<DeviceDriver>> driversByType = new LinkedHashMap<>();
    private final DiscoveryListener listener;
    private final DriverCounters counters;
    private final List<JmDNS> instances = new ArrayList<>();
    /** Service (type + instance name, lower case) to the device it was recognised as. */
    private final Map<String, String> deviceByService = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    // bounded against a flood of distinct services; a forgotten one only misses its goodbye probe
                    if (size() <= MAX_KNOWN_SERVICES) return false;
                    counters.increment("discovery_dropped", "services_full");
                    return true;
                }
            });
    /**
     * Services of recognised devices whose records were removed (expiry or goodbye), oldest first.
     * jmdns's {@code list} answers from a collector that dropped them at the removal and, the PTR
     * still cached, never hears of them again; a direct {@code getServiceInfo} reads the records
     * the device's new announcements put in the cache (another address included).
     */
    private final Map<String, ExpiredService> expired = new LinkedHashMap<>();
    /**
     * requestServiceInfo can block for seconds: never on a jmdns thread. A bounded queue: in a flood
     * of announcements a resolve that finds the queue full is dropped and counted (the device is
     * seen again at the next requery or announcement).
     */
    private final java.util.concurrent.ThreadPoolExecutor resolver = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, java.util.concurrent.TimeUnit.SECONDS,
            new java.util.concurrent.ArrayBlockingQueue<>(RESOLVE_QUEUE), r -> {
                Thread t = new Thread(r, "hearth-mdns-resolve");
                t.setDaemon(true);
                return t;
            });

    private final Scheduler scheduler;
    private final SplittableRandom random = new SplittableRandom();
    private final AtomicBoolean requeryQueued = new AtomicBoolean();
    private Scheduler.Cancellable nextRequery = () -> { };
    private boolean closed;

    public MdnsDiscovery(DiscoverySettings settings, List<DeviceDriver> drivers, DiscoveryListener listener,
                         DriverCounters counters, Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.settings = Objects.requireNonNull(settings, "settings");
        for (DeviceDriver d : drivers) {
            for (String type : d.serviceTypes()) {
                driversByType.computeIfAbsent(normalType(type), t -> new ArrayList<>()).add(d);
            }
        }
        this.listener = Objects.requireNonNull(listener, "listener");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    /** Starts jmdns on every configured address and browses every claimed service type. */
    public synchronized void start() throws IOException {
        for (InetAddress address : settings.addresses()) {
            JmDNS jmdns = JmDNS.create(address, settings.hostName());
            instances.add(jmdns);
            for (String type : driversByType.keySet()) {
                jmdns.addServiceListener(type, new Browser(jmdns));
            }
            LOG.info("mDNS discovery on {} for {}", address.getHostAddress(), driversByType.keySet());
        }
        requeryNow();
        scheduleRequery();
    }

    /**
     * Queries every claimed service type again, soon, on the discovery's thread; a request while
     * one is already waiting is merged into it. For a known device the core misses.
     */
    public void requeryNow() {
        if (!requeryQueued.compareAndSet(false, true)) return;
        try {
            resolver.execute(this::requery);
        } catch (RejectedExecutionException stopped) {
            requeryQueued.set(false);
        }
    }

    private synchronized void scheduleRequery() {
        if (closed) return;
        // at most requeryEvery apart, up to a fifth sooner so that gateways started together do not query in step
        Duration delay = Backoff.every(settings.requeryEvery(), Backoff.DEFAULT_JITTER).delay(0, random::nextDouble);
        nextRequery = scheduler.schedule(delay, () -> {
            requeryNow();
            scheduleRequery();
        });
    }

    private void requery() {
        requeryQueued.set(false);
        List<JmDNS> all;
        synchronized (this) {
            all = List.copyOf(instances);
        }
        List<ExpiredService> lookUps = expiredToLookUp();
        for (JmDNS jmdns : all) {
            for (String type : driversByType.keySet()) {
                ServiceInfo[] infos;
                try {
                    infos = jmdns.list(type, LIST_WAIT_MS);
                } catch (RuntimeException e) {
                    counters.increment("discovery_errors", "requery_failed");
                    LOG.debug("re-querying {} failed: {}", type, e.toString());
                    continue;
                }
                counters.increment("mdns_requeries", "done");
                for (ServiceInfo info : infos) answered(info);
            }
            for (ExpiredService gone : lookUps) {
                ServiceInfo info;
                try {
                    info = jmdns.getServiceInfo(gone.type(), gone.name(), LIST_WAIT_MS);
                } catch (RuntimeException e) {
                    counters.increment("discovery_errors", "requery_failed");
                    LOG.debug("looking up {} failed: {}", gone.name(), e.toString());
                    continue;
                }
                counters.increment("mdns_requeries", "expired_lookup");
                if (info != null) answered(info);
            }
        }
    }

    private void answered(ServiceInfo info) {
        try {
            resolved(info);
        } catch (RuntimeException e) {
            LOG.warn("mDNS answer failed: {}", e.toString(), e);
            counters.increment("discovery_errors", "listener_failed");
        }
    }

    /** The services that expired longest ago first; each round takes the next ones, so all get a turn. */
    private List<ExpiredService> expiredToLookUp() {
        synchronized (expired) {
            List<ExpiredService> next = new ArrayList<>();
            var it = expired.entrySet().iterator();
            while (it.hasNext() && next.size() < LOOKUPS_PER_REQUERY) {
                next.add(it.next().getValue());
                it.remove();
            }
            // back at the end: still expired until a resolve says otherwise
            for (ExpiredService e : next) expired.put(serviceKey(e.type(), e.name()), e);
            return next;
        }
    }

    private record ExpiredService(String type, String name) {
    }

    @Override
    public synchronized void close() {
        closed = true;
        nextRequery.cancel();
        resolver.shutdownNow();
        for (JmDNS j : instances) {
            try {
                j.close();
            } catch (IOException e) {
                LOG.warn("closing jmdns failed: {}", e.getMessage());
            }
        }
        instances.clear();
    }

    /** Converts what jmdns resolved into the drivers' neutral terms. */
    static Announcement announcement(ServiceInfo info) {
        Map<String, String> txt = new LinkedHashMap<>();
        for (Enumeration<String> names = info.getPropertyNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            String value = info.getPropertyString(name);
            txt.put(name, value == null ? "" : value);
        }
        List<InetAddress> addresses = new ArrayList<>();
        Collections.addAll(addresses, info.getInet4Addresses());
        Collections.addAll(addresses, info.getInet6Addresses());
        return new Announcement(normalType(info.getType()), info.getName(), addresses, info.getPort(), txt);
    }

    private void resolved(ServiceInfo info) {
        Announcement a = announcement(info);
        if (a.txt().isEmpty() || a.addresses().isEmpty() || a.port() == 0) {
            // jmdns resolves twice, the first time without the TXT: wait for the complete one.
            return;
        }
        boolean recognised = false;
        for (DeviceDriver d : driversByType.getOrDefault(a.serviceType(), List.of())) {
            Optional<DiscoveredDevice> device;
            try {
                device = d.recognize(a);
            } catch (RuntimeException e) {
                LOG.warn("driver {} failed to recognise {}: {}", d.protocol(), a.instanceName(), e.toString());
                counters.increment("discovery_errors", "recognize_failed");
                continue;
            }
            if (device.isPresent()) {
                recognised = true;
                String key = serviceKey(a.serviceType(), a.instanceName());
                deviceByService.put(key, device.get().deviceId());
                synchronized (expired) {
                    expired.remove(key);
                }
                listener.discovered(device.get(), a);
                break;
            }
        }
        if (!recognised) {
            LOG.debug("no driver recognises {} {}", a.serviceType(), a.instanceName());
            counters.increment("unrecognized_announcements", a.serviceType());
        }
    }

    private void removed(String type, String name) {
        String deviceId = deviceByService.remove(serviceKey(normalType(type), name));
        if (deviceId != null) {
            // a TTL-0 goodbye and an expiry look the same here; neither is believed on its own. DEBUG: a flood's
            // records all expire, and what a goodbye changes for an adopted device is logged where it is decided
            LOG.debug("device {}: its mDNS service was withdrawn or expired ({})", deviceId, name);
            counters.increment("mdns_removals", "service");
            synchronized (expired) {
                String key = serviceKey(normalType(type), name);
                expired.remove(key);
                if (expired.size() >= MAX_EXPIRED) {
                    expired.remove(expired.keySet().iterator().next());
                    counters.increment("mdns_expired_dropped", "full");
                }
                expired.put(key, new ExpiredService(normalType(type), name));
            }
            listener.goodbye(deviceId);
        }
    }

    private static String normalType(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        return t.endsWith(".") ? t : t + ".";
    }

    private static String serviceKey(String type, String name) {
        return type + "|" + name.toLowerCase(Locale.ROOT);
    }

    /** One per jmdns and service type; isolates the core from jmdns's threads and exceptions. */
    private final class Browser implements ServiceListener {
        private final JmDNS jmdns;

        Browser(JmDNS jmdns) {
            this.jmdns = jmdns;
        }

        @Override
        public void serviceAdded(ServiceEvent e) {
            // the last place in the queue is kept for the re-query, which finds known devices again after a flood
            if (resolver.getQueue().remainingCapacity() <= 1) {
                counters.increment("discovery_dropped", "resolve_queue_full");
                return;
            }
            try {
                resolver.execute(() -> jmdns.requestServiceInfo(e.getType(), e.getName(), 1));
            } catch (RejectedExecutionException full) {
                if (resolver.isShutdown()) LOG.debug("discovery closed; not resolving {}", e.getName());
                else counters.increment("discovery_dropped", "resolve_queue_full");
            }
        }

        @Override
        public void serviceRemoved(ServiceEvent e) {
            guarded(() -> removed(e.getType(), e.getName()));
        }

        @Override
        public void serviceResolved(ServiceEvent e) {
            if (e.getInfo() != null) guarded(() -> resolved(e.getInfo()));
        }

        private void guarded(Runnable r) {
            try {
                r.run();
            } catch (RuntimeException ex) {
                LOG.warn("mDNS event failed: {}", ex.toString(), ex);
                counters.increment("discovery_errors", "listener_failed");
            }
        }
    }
}
