package dev.hearth.core.cloud;

import dev.hearth.testkit.FreePort;

import dev.hearth.testkit.EmbeddedBroker;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The bridge contract against the embedded Moquette broker of the demo. */
class CloudBridgeEmbeddedIT extends CloudBridgeContract {
    private EmbeddedBroker broker;

    @BeforeAll
    void startBroker() {
        broker = EmbeddedBroker.start(FreePort.pick());
    }

    @AfterAll
    void stopBroker() {
        broker.close();
    }

    @Override
    URI broker() {
        return broker.uri();
    }

    // Moquette 0.18.3 delivers the will to live subscribers but does not store it as retained.
    @Override
    boolean retainsWill() {
        return false;
    }

    @Override
    int brokerPort() {
        return broker.port();
    }
}
