package dev.hearth.core.cloud;

import dev.hearth.testkit.MosquittoBroker;

import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The bridge contract against a real Mosquitto 2. */
class CloudBridgeMosquittoIT extends CloudBridgeContract {
    private MosquittoBroker broker;

    @BeforeAll
    void startBroker() {
        broker = MosquittoBroker.start();
    }

    @AfterAll
    void stopBroker() {
        broker.close();
    }

    @Override
    URI broker() {
        return broker.uri();
    }

    @Override
    boolean retainsWill() {
        return true;
    }

    @Override
    int brokerPort() {
        return broker.port();
    }
}
