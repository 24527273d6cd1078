package dev.hearth.core.cloud;

import dev.hearth.testkit.Conditions;
import dev.hearth.testkit.MosquittoBroker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.config.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A broker that wants a user name and password (Mosquitto with a password file, no anonymous clients). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudBridgeAuthIT {
    private static final String USER = "gw-1";
    private MosquittoBroker broker;

    @BeforeAll
    void start() {
        broker = MosquittoBroker.start(Optional.empty(), Optional.of(new MosquittoBroker.Credentials(USER, "s3cret-päss")));
    }

    @AfterAll
    void stop() {
        broker.close();
    }

    @Test
    void connectsWithTheRightPassword(@TempDir Path dir) {
        try (var fixture = new BridgeFixture(dir)) {
            fixture.start(fixture.settings(broker.uri()).withCredentials(USER, Secret.of("s3cret-päss")), OutboxLimits.defaults(),
                    RetainedSnapshot.empty(), BridgeFixture::stubDevices);
            fixture.awaitConnected();
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithAReasonThatDoesNotShowIt(@TempDir Path dir) {
        assertRefused(dir, Optional.of(Secret.of("guess-123")));
    }

    @Test
    void noPasswordIsRefusedToo(@TempDir Path dir) {
        assertRefused(dir, Optional.empty());
    }

    private void assertRefused(Path dir, Optional<Secret> password) {
        try (var fixture = new BridgeFixture(dir)) {
            BridgeSettings settings = fixture.settings(broker.uri());
            if (password.isPresent()) settings = settings.withCredentials(USER, password.get());
            CloudBridge bridge = fixture.start(settings, OutboxLimits.defaults(), RetainedSnapshot.empty(), BridgeFixture::stubDevices);
            Conditions.until(Duration.ofSeconds(15), () -> bridge.linkStatus().lastError().isPresent(), () -> "an error");
            assertThat(bridge.linkStatus().connected()).isFalse();
            assertThat(bridge.linkStatus().lastError().orElseThrow()).containsIgnoringCase("not authori").doesNotContain("guess-123");
        }
    }
}
