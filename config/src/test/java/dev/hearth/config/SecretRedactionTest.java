package dev.hearth.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretRedactionTest {
    private static final String KEY = "deadbeefcafe0123456789abcdef0001";
    private static final String PASSWORD = "correct-horse-battery-staple";

    @Test
    void secretToStringNeverShowsTheValue() {
        assertThat(Secret.of(PASSWORD)).hasToString("Secret[redacted]");
        assertThat(new InlineSecret(Secret.of(PASSWORD)).toString()).doesNotContain(PASSWORD);
    }

    @Test
    void wholeConfigToStringContainsNoSecretValue() {
        ConfigResult r = new ConfigLoader(Map.of("LAMP_KEY", KEY, "PW", PASSWORD)).parse("""
                home: { id: h1, owner: u1 }
                gateway: { id: gw-1 }
                devices: [ { id: lamp-1, protocol: native, model: m, address: "127.0.0.1:7001", secret: "${env:LAMP_KEY}" } ]
                cloud: { username: gw, password: "${env:PW}" }
                """, Path.of("/"));
        HearthConfig c = ((ConfigResult.Valid) r).config();
        assertThat(c.toString()).doesNotContain(KEY).doesNotContain(PASSWORD).contains("Secret[redacted]");
    }

    @Test
    void problemsAboutSecretsNeverShowTheValue() {
        String notHex = "zz-this-is-my-secret-value";
        ConfigResult r = new ConfigLoader(Map.of("LAMP_KEY", notHex)).parse("""
                home: { id: h1, owner: u1 }
                gateway: { id: gw-1 }
                devices: [ { id: lamp-1, protocol: native, model: m, address: "127.0.0.1:7001", secret: "${env:LAMP_KEY}" } ]
                """, Path.of("/"));
        assertThat(((ConfigResult.Invalid) r).problems()).singleElement()
                .satisfies(p -> assertThat(p.toString()).doesNotContain(notHex).contains("devices[0].secret"));
    }

    @Test
    void equalSecretsAreEqualWithoutAValueDependentHash() {
        assertThat(Secret.of("abc")).isEqualTo(Secret.of("abc")).isNotEqualTo(Secret.of("abd"));
        assertThat(Secret.of("abc").hashCode()).isEqualTo(Secret.of("xyz").hashCode());
    }
}
