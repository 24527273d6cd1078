package dev.hearth.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudBrokersConfigTest {
    private static final String HEAD = "home: { id: h1, owner: u1 }\ngateway: { id: gw-1 }\n";

    private ConfigResult parse(String cloud) {
        return new ConfigLoader(Map.of()).parse(HEAD + "cloud: " + cloud + "\n", Path.of("/"));
    }

    private List<String> problems(String cloud) {
        return ((ConfigResult.Invalid) parse(cloud)).problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void aListOfBrokersIsKeptInOrderWithTheFirstPreferred() {
        CloudConfig c = ((ConfigResult.Valid) parse("{ brokers: [ 'tcp://127.0.0.1:1883', 'tcp://127.0.0.2:1883' ] }")).config().cloud();
        assertThat(c.brokers()).containsExactly(URI.create("tcp://127.0.0.1:1883"), URI.create("tcp://127.0.0.2:1883"));
        assertThat(c.broker()).isEqualTo(URI.create("tcp://127.0.0.1:1883"));
    }

    @Test
    void theSingleBrokerSettingStaysValidAsAListOfOne() {
        CloudConfig c = ((ConfigResult.Valid) parse("{ broker: 'tcp://127.0.0.3:1883' }")).config().cloud();
        assertThat(c.brokers()).containsExactly(URI.create("tcp://127.0.0.3:1883"));
    }

    @Test
    void brokerAndBrokersTogetherAreRefused() {
        assertThat(problems("{ broker: 'tcp://127.0.0.1:1883', brokers: [ 'tcp://127.0.0.2:1883' ] }"))
                .containsExactly("cloud.brokers: give either broker or brokers, not both");
    }

    @Test
    void aBadOrRepeatedEntryIsAProblemAtItsIndex() {
        assertThat(problems("{ brokers: [ 'tcp://127.0.0.1:1883', 'http://x:80', 'tcp://127.0.0.1:1883' ] }")).containsExactly(
                "cloud.brokers[1]: \"http://x:80\" is not a tcp://, ssl://, ws:// or wss:// URI",
                "cloud.brokers[2]: \"tcp://127.0.0.1:1883\" is listed twice");
    }

    @Test
    void anEmptyListAndAMixOfTlsAndPlainAreRefused() {
        assertThat(problems("{ brokers: [] }")).containsExactly("cloud.brokers: expected 1 to 16 broker URIs, got 0");
        assertThat(problems("{ brokers: [ 'tcp://127.0.0.1:1883', 'ssl://127.0.0.2:8883' ] }"))
                .contains("cloud.brokers: mixes TLS (ssl://, wss://) and plain URIs; one tls section serves every node");
    }
}
