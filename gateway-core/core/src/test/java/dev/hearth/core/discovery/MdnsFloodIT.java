package dev.hearth.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.devices.CounterTally;
import dev.hearth.core.devices.InstalledDrivers;
import dev.hearth.testkit.Conditions;
import dev.hearth.testkit.PrivateNetwork;
import dev.hearth.testkit.RogueAnnouncer;
import dev.hearth.driver.api.SystemScheduler;
import dev.hearth.driver.api.Announcement;
import dev.hearth.driver.api.DiscoveredDevice;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's flood through real mDNS, inside the test's network namespace: a rogue multicasts
 * 100,000 distinct device announcements (raw DNS responses, short TTLs) at the gateway's jmdns.
 * Discovery hands what it recognises to the inbox, which never holds more than its bound; the
 * resolve queue stays bounded (drops counted), and the heap comes back down once the records
 * expired.
 */
class MdnsFloodIT {
    private static final int ANNOUNCEMENTS = 100_000;
    private static final int BOUND = 256;
    private static final String NATIVE_TYPE = "_hearth._tcp.local.";

    @Test
    void aHundredThousandDistinctMdnsAnnouncementsKeepTheInboxAtItsBoundAndTheHeapFlat() throws Exception {
        PrivateNetwork.require();
        InetAddress lo = PrivateNetwork.loopback("hearth-it");
        Map<String, AtomicInteger> dropped = new ConcurrentHashMap<>();
        DiscoveryInbox inbox = new DiscoveryInbox(Clock.systemUTC(), BOUND, Duration.ofMinutes(10),
                reason -> dropped.computeIfAbsent(reason, k -> new AtomicInteger()).incrementAndGet());
        AtomicInteger discovered = new AtomicInteger();
        java.util.BitSet distinct = new java.util.BitSet(ANNOUNCEMENTS);
        AtomicInteger largestInbox = new AtomicInteger();
        DiscoveryListener listener = new DiscoveryListener() {
            @Override public void discovered(DiscoveredDevice device, Announcement a) {
                // what Adoption does with a device it holds no secret for
                discovered.incrementAndGet();
                synchronized (distinct) {
                    distinct.set(Integer.parseInt(device.deviceId().substring("rogue-".length())));
                }
                inbox.offer(device, PendingReason.NO_SECRET, "no secret for this device");
            }
            @Override public void goodbye(String deviceId) { }
        };
        CounterTally counters = new CounterTally();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        var sampler = Executors.newSingleThreadScheduledExecutor();
        AtomicLong peakHeap = new AtomicLong();
        try (SystemScheduler timers = new SystemScheduler("mdns-flood");
             MdnsDiscovery discovery = new MdnsDiscovery(new DiscoverySettings(List.of(lo), "hearth-gw", List.of()),
                     InstalledDrivers.load(getClass().getClassLoader()), listener, counters, timers);
             RogueAnnouncer rogue = new RogueAnnouncer(lo, "rogue")) {
            discovery.start();
            System.gc();
            long before = memory.getHeapMemoryUsage().getUsed();
            sampler.scheduleAtFixedRate(() -> {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                largestInbox.accumulateAndGet(inbox.entries().size(), Math::max);
            }, 0, 50, TimeUnit.MILLISECONDS);

            long started = System.nanoTime();
            InetAddress at = PrivateNetwork.address("rogue", 127, 0, 0, 2);
            for (int i = 0; i < ANNOUNCEMENTS; i++) {
                String id = "rogue-" + i;
                rogue.announce(new RogueAnnouncer.Service(NATIVE_TYPE, id, at, 7000 + i % 1000,
                        Map.of("id", id, "model", "hearth.light.lamp1", "pv", "2")), Duration.ofSeconds(2), Duration.ofSeconds(2));
            }
            long sentMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            Conditions.await("more devices discovered than the inbox holds", Duration.ofSeconds(30), () -> discovered.get() > 2 * BOUND,
                    () -> discovered.get() + " discovered");
            int seen;
            synchronized (distinct) {
                seen = distinct.cardinality();
            }
            // jmdns reaps expired records every 10 s: wait for the flood's records to go, then measure
            Conditions.await("the flood's records expired", Duration.ofSeconds(40), () -> {
                System.gc();
                return memory.getHeapMemoryUsage().getUsed() - before < (32L << 20);
            }, () -> (memory.getHeapMemoryUsage().getUsed() - before) / 1024 + " KB above the start");
            sampler.shutdown();
            assertThat(sampler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
            System.out.printf("MdnsFloodIT: %d announcements sent in %d ms, %d discovered, inbox at most %d, heap %d MB before, "
                    + "peak %d MB, resolves dropped %d%n", ANNOUNCEMENTS, sentMillis, seen, largestInbox.get(), before >> 20,
                    peakHeap.get() >> 20, counters.count("discovery_dropped", "resolve_queue_full"));

            assertThat(largestInbox.get()).isLessThanOrEqualTo(BOUND);
            assertThat(inbox.entries().size()).isLessThanOrEqualTo(BOUND);
            assertThat(dropped.get("full")).hasValueGreaterThanOrEqualTo(seen - BOUND);
        }
    }
}
