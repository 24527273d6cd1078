package dev.hearth.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testkit.ManualClock;
import dev.hearth.driver.api.DiscoveredDevice;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DiscoveryInboxTest {
    private final ManualClock clock = new ManualClock();
    private final DiscoveryInbox inbox = new DiscoveryInbox(clock);

    static DiscoveredDevice device(String id, int port) {
        return new DiscoveredDevice(id, "native", "hearth.light.lamp1", InetSocketAddress.createUnresolved("127.0.0.1", port), Map.of());
    }

    @Test
    void keepsOneEntryPerDeviceWithTheLatestAnnouncementAndTheFirstSighting() {
        Instant first = clock.instant();
        inbox.offer(device("lamp", 7001), PendingReason.NO_SECRET, "no key");
        clock.advance(Duration.ofSeconds(10));
        inbox.offer(device("lamp", 7002), PendingReason.NOT_ADOPTED, "new");
        inbox.offer(device("plug", 7003), PendingReason.NO_SECRET, "no key");

        assertThat(inbox.entries()).hasSize(2);
        InboxEntry lamp = inbox.find("lamp").orElseThrow();
        assertThat(lamp.device().address().getPort()).isEqualTo(7002);
        assertThat(lamp.firstSeen()).isEqualTo(first);
        assertThat(lamp.lastSeen()).isEqualTo(first.plusSeconds(10));
        assertThat(lamp.reason()).isEqualTo(PendingReason.NOT_ADOPTED);
        assertThat(inbox.entries().get(0).deviceId()).isEqualTo("lamp");
    }

    @Test
    void listenersHearOfArrivalsNewReasonsAndDeparturesButNotOfRefreshes() {
        AtomicInteger changes = new AtomicInteger();
        inbox.onChange(changes::incrementAndGet);
        inbox.offer(device("lamp", 7001), PendingReason.NO_SECRET, "no key");
        inbox.offer(device("lamp", 7001), PendingReason.NO_SECRET, "no key");
        inbox.refresh(device("lamp", 7002));
        assertThat(changes).hasValue(1);
        inbox.offer(device("lamp", 7001), PendingReason.NOT_ADOPTED, "new");
        assertThat(changes).hasValue(2);
        inbox.take("lamp");
        inbox.take("lamp");
        assertThat(changes).hasValue(3);
    }

    @Test
    void refreshKeepsTheReasonAndTakeRemoves() {
        inbox.offer(device("lamp", 7001), PendingReason.REFUSED, "bad proof");
        clock.advance(Duration.ofSeconds(1));
        inbox.refresh(device("lamp", 7009));

        InboxEntry e = inbox.find("lamp").orElseThrow();
        assertThat(e.reason()).isEqualTo(PendingReason.REFUSED);
        assertThat(e.detail()).isEqualTo("bad proof");
        assertThat(e.device().address().getPort()).isEqualTo(7009);
        assertThat(inbox.refresh(device("other", 1))).isEmpty();

        assertThat(inbox.take("lamp")).isPresent();
        assertThat(inbox.find("lamp")).isEmpty();
    }

    @Test
    void anEntryNotSeenForTheExpiryTimeLeavesTheInbox() {
        List<String> dropped = new java.util.ArrayList<>();
        DiscoveryInbox bounded = new DiscoveryInbox(clock, 10, Duration.ofMinutes(30), dropped::add);
        bounded.offer(device("lamp", 7001), PendingReason.NOT_ADOPTED, "new");
        bounded.offer(device("plug", 7002), PendingReason.NOT_ADOPTED, "new");
        clock.advance(Duration.ofMinutes(20));
        bounded.refresh(device("plug", 7002));
        clock.advance(Duration.ofMinutes(11));

        assertThat(bounded.entries()).extracting(InboxEntry::deviceId).containsExactly("plug");
        assertThat(bounded.find("lamp")).isEmpty();
        assertThat(dropped).containsExactly("expired");
    }

    @Test
    void aFullInboxMakesRoomByDroppingTheEntrySeenLongestAgo() {
        List<String> dropped = new java.util.ArrayList<>();
        DiscoveryInbox bounded = new DiscoveryInbox(clock, 3, Duration.ofHours(1), dropped::add);
        for (int i = 0; i < 3; i++) {
            bounded.offer(device("d" + i, 7000 + i), PendingReason.NOT_ADOPTED, "new");
            clock.advance(Duration.ofSeconds(1));
        }
        bounded.refresh(device("d0", 7000));

        bounded.offer(device("d3", 7003), PendingReason.NOT_ADOPTED, "new");

        assertThat(bounded.entries()).extracting(InboxEntry::deviceId).containsExactlyInAnyOrder("d0", "d2", "d3");
        for (int i = 4; i < 1000; i++) bounded.offer(device("d" + i, 7000 + i), PendingReason.NOT_ADOPTED, "new");
        assertThat(bounded.entries()).hasSize(3);
        assertThat(bounded.find("d999")).isPresent();
        assertThat(dropped).hasSize(997).containsOnly("full");
    }
}
