package dev.hearth.core.cloud;

import dev.hearth.testkit.Conditions;
import dev.hearth.testkit.MosquittoBroker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** TLS to Mosquitto's TLS listener, which requires a client certificate (certificates made at test time). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudBridgeTlsIT {
    private TestCertificates certs;
    private TestCertificates strangers;
    private MosquittoBroker broker;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        certs = TestCertificates.generate(Files.createDirectory(dir.resolve("good")), "Hearth Test CA");
        strangers = TestCertificates.generate(Files.createDirectory(dir.resolve("other")), "Some Other CA");
        broker = MosquittoBroker.start(Optional.of(new MosquittoBroker.Tls(certs.caCert, certs.serverCert, certs.serverKey, true)));
    }

    @AfterAll
    void stop() {
        broker.close();
    }

    @Test
    void connectsWithTheRightCaAndAClientCertificate(@TempDir Path dir) {
        try (var fixture = new BridgeFixture(dir)) {
            var tls = new TlsSettings(certs.caCert, Optional.of(certs.clientCert), Optional.of(certs.clientKey));
            fixture.start(fixture.settings(broker.uri()).withTls(broker.tlsUri(), tls), OutboxLimits.defaults(),
                    RetainedSnapshot.empty(), BridgeFixture::stubDevices);
            fixture.awaitConnected();
        }
    }

    @Test
    void failsClearlyNamingTheCertificateProblemWithTheWrongCa(@TempDir Path dir) {
        try (var fixture = new BridgeFixture(dir)) {
            var tls = new TlsSettings(strangers.caCert, Optional.of(certs.clientCert), Optional.of(certs.clientKey));
            CloudBridge bridge = fixture.start(fixture.settings(broker.uri()).withTls(broker.tlsUri(), tls), OutboxLimits.defaults(),
                    RetainedSnapshot.empty(), BridgeFixture::stubDevices);
            Conditions.until(Duration.ofSeconds(15), () -> bridge.linkStatus().lastError().isPresent(), () -> "an error");
            assertThat(bridge.linkStatus().connected()).isFalse();
            assertThat(bridge.linkStatus().lastError().orElseThrow())
                    .contains("TLS")
                    .contains("certificate")
                    .contains("not trusted");
        }
    }
}
