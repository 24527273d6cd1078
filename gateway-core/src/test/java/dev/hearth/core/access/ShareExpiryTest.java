package dev.hearth.core.access;

import static dev.hearth.core.access.HomeFixture.LAMP;
import static dev.hearth.core.access.HomeFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.time.ManualClock;
import dev.hearth.core.time.ManualScheduler;
import dev.hearth.driver.api.model.Privilege;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShareExpiryTest {
    private HomeFixture home;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        home = new HomeFixture(dir);
    }

    @AfterEach
    void tearDown() {
        home.close();
    }

    @Test
    void aShareThatRunsOutIsEndedByTheNextPassAndTheChangeIsAnnounced() {
        Share timed = home.accepted("u2", new DeviceScope(LAMP), Privilege.OPERATE, Optional.of(T0.plusSeconds(45)));
        Share open = home.accepted("u3", new DeviceScope(LAMP), Privilege.VIEW);
        ManualClock clock = new ManualClock(T0);
        ManualScheduler scheduler = new ManualScheduler(clock);
        AtomicInteger announced = new AtomicInteger();
        try (ShareExpiry expiry = new ShareExpiry(home.shares, Duration.ofSeconds(30), clock, scheduler, announced::incrementAndGet)) {
            expiry.start();
            scheduler.advance(Duration.ofSeconds(30));
            assertThat(home.shares.find(timed.id()).map(Share::state)).contains(ShareState.ACCEPTED);
            assertThat(announced).hasValue(0);

            scheduler.advance(Duration.ofSeconds(30));
            assertThat(home.shares.find(timed.id()).map(Share::state)).contains(ShareState.EXPIRED);
            assertThat(home.shares.find(open.id()).map(Share::state)).contains(ShareState.ACCEPTED);
            assertThat(announced).hasValue(1);

            scheduler.advance(Duration.ofMinutes(5));
            assertThat(announced).hasValue(1); // nothing more ended, nothing more announced
        }
        assertThat(scheduler.pending()).isZero();
    }
}
