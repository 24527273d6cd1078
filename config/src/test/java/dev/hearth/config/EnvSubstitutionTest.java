package dev.hearth.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvSubstitutionTest {
    private static final String HEAD = "home: { id: h1, owner: u1 }\ngateway: { id: gw-1 }\n";

    @Test
    void substitutesVariablesInsideValues() {
        ConfigResult r = new ConfigLoader(Map.of("BROKER_HOST", "127.0.0.9", "HTTP_PORT", "9090")).parse(HEAD
                + "cloud: { broker: 'tcp://${env:BROKER_HOST}:1883' }\nhttp: { port: '${env:HTTP_PORT}' }\n", Path.of("/"));
        HearthConfig c = ((ConfigResult.Valid) r).config();
        assertThat(c.cloud().broker().toString()).isEqualTo("tcp://127.0.0.9:1883");
        assertThat(c.http().port()).isEqualTo(9090);
    }

    @Test
    void substitutesSecretsFromTheEnvironment() {
        ConfigResult r = new ConfigLoader(Map.of("LAMP1_KEY", "a1b2c3d4", "MQTT_PW", "hunter2")).parse(HEAD + """
                devices: [ { id: lamp-1, protocol: native, model: m, address: "127.0.0.1:7001", secret: "${env:LAMP1_KEY}" } ]
                cloud: { password: "${env:MQTT_PW}" }
                """, Path.of("/"));
        HearthConfig c = ((ConfigResult.Valid) r).config();
        assertThat(c.devices().get(0).secret()).contains(new InlineSecret(Secret.of("a1b2c3d4")));
        assertThat(c.cloud().password().orElseThrow().reveal()).isEqualTo("hunter2");
    }

    @Test
    void aMissingVariableIsAProblemAtItsPath() {
        ConfigResult r = new ConfigLoader(Map.of()).parse(HEAD + """
                devices: [ { id: lamp-1, protocol: native, model: m, address: "127.0.0.1:7001", secret: "${env:LAMP1_KEY}" } ]
                cloud: { broker: "tcp://${env:BROKER_HOST}:1883", password: "${env:MQTT_PW}" }
                """, Path.of("/"));
        assertThat(((ConfigResult.Invalid) r).problems()).extracting(ConfigProblem::toString).containsExactly(
                "devices[0].secret: environment variable LAMP1_KEY is not set",
                "cloud.broker: environment variable BROKER_HOST is not set",
                "cloud.password: environment variable MQTT_PW is not set");
    }

    @Test
    void aFallbackIsUsedWhenTheVariableIsMissing() {
        ConfigResult r = new ConfigLoader(Map.of()).parse(HEAD + "http: { port: '${env:HTTP_PORT:-8181}' }\n", Path.of("/"));
        assertThat(((ConfigResult.Valid) r).config().http().port()).isEqualTo(8181);
    }
}
