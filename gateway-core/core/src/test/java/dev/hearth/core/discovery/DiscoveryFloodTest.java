package dev.hearth.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hearth.core.http.CoalescedEvent;
import dev.hearth.testkit.ManualClock;
import dev.hearth.testkit.ManualScheduler;
import dev.hearth.driver.api.DiscoveredDevice;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 13's flood: 100,000 distinct devices announced on the LAN, one every millisecond of a fake
 * clock, as discovery hands them to the inbox. The inbox stays at its bound with the heap flat,
 * the log gets a few INFO lines instead of 100,000, the web page gets about one reload signal a
 * second instead of one per entry, and what is left expires once unseen.
 */
class DiscoveryFloodTest {
    private static final int ANNOUNCEMENTS = 100_000;
    private static final int BOUND = 256;
    private static final Duration EXPIRY = Duration.ofMinutes(10);

    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final Map<String, AtomicInteger> dropped = new ConcurrentHashMap<>();
    private final AtomicInteger reloads = new AtomicInteger();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger inboxLog = (Logger) LoggerFactory.getLogger(DiscoveryInbox.class);
    private DiscoveryInbox inbox;

    @BeforeEach
    void start() {
        inbox = new DiscoveryInbox(clock, BOUND, EXPIRY, reason -> dropped.computeIfAbsent(reason, k -> new AtomicInteger()).incrementAndGet());
        // what LocalApi.forwardEvents wires between the inbox and the page's event stream
        CoalescedEvent page = new CoalescedEvent(reloads::incrementAndGet, scheduler, Duration.ofSeconds(1));
        inbox.onChange(page::changed);
        logged.start();
        inboxLog.addAppender(logged);
    }

    @AfterEach
    void stop() {
        inboxLog.detachAppender(logged);
    }

    private static DiscoveredDevice device(int i) {
        return new DiscoveredDevice("rogue-" + i, "native", "hearth.light.lamp1",
                new InetSocketAddress("127.0.0.2", 7000 + i % 1000), Map.of("id", "rogue-" + i));
    }

    private long infoLines() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.INFO).count();
    }

    @Test
    void aHundredThousandDistinctAnnouncementsKeepTheInboxAtItsBoundTheHeapFlatTheLogAndThePageQuiet() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        for (int i = 0; i < ANNOUNCEMENTS; i++) {
            inbox.offer(device(i), PendingReason.NO_SECRET, "no secret for this device");
            scheduler.advance(Duration.ofMillis(1));
        }
        System.gc();
        long after = memory.getHeapMemoryUsage().getUsed();

        assertThat(inbox.entries()).hasSize(BOUND);
        assertThat(inbox.find("rogue-" + (ANNOUNCEMENTS - 1))).as("the newest is kept").isPresent();
        assertThat(inbox.find("rogue-0")).as("the one seen longest ago made room").isEmpty();
        assertThat(dropped.get("full")).hasValue(ANNOUNCEMENTS - BOUND);
        assertThat(after - before).as("heap growth in bytes").isLessThan(16L << 20);
        // 100 s of announcements: at most 10 new ids a minute at INFO, the rest at DEBUG, counted in the next line
        assertThat(infoLines()).isBetween(1L, 20L);
        assertThat(logged.list.stream().filter(e -> e.getLevel() == Level.INFO).map(ILoggingEvent::getFormattedMessage))
                .anyMatch(m -> m.contains("more new devices were logged at DEBUG only"));
        // one reload signal at once and one per second of flood, not one per entry
        assertThat(reloads.get()).isBetween(2, 102);
    }

    @Test
    void anIdAnnouncedAgainAndAgainIsLoggedAtInfoOnlyTheFirstTimeAndReloadsThePageOnce() {
        for (int i = 0; i < 1_000; i++) {
            inbox.offer(device(7), PendingReason.NO_SECRET, "no secret for this device");
            scheduler.advance(Duration.ofMillis(10));
        }
        assertThat(infoLines()).isEqualTo(1);
        assertThat(reloads.get()).isEqualTo(1);
    }

    @Test
    void entriesExpireAfterTheConfiguredTimeUnseen() {
        for (int i = 0; i < BOUND; i++) inbox.offer(device(i), PendingReason.NO_SECRET, "no secret");
        scheduler.advance(EXPIRY.minusSeconds(1));
        inbox.offer(device(0), PendingReason.NO_SECRET, "no secret"); // seen again: stays
        assertThat(inbox.entries()).hasSize(BOUND);

        scheduler.advance(Duration.ofSeconds(2));

        assertThat(inbox.entries()).extracting(InboxEntry::deviceId).containsExactly("rogue-0");
        assertThat(dropped.get("expired")).hasValue(BOUND - 1);
    }
}
