package dev.hearth.driver.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeviceSecretTest {

    private static final String HEX = "00112233445566778899aabbccddeeff";

    @Test
    void toStringNeverContainsTheSecret() {
        DeviceSecret secret = DeviceSecret.fromHex(HEX);

        assertThat(secret.toString()).doesNotContain(HEX).doesNotContain("aabbcc").isEqualTo("DeviceSecret[redacted]");
    }

    @Test
    void parsesHexInEitherCase() {
        assertThat(DeviceSecret.fromHex(HEX.toUpperCase())).isEqualTo(DeviceSecret.fromHex(HEX));
        assertThat(DeviceSecret.fromHex("0aFf").bytes()).containsExactly(0x0a, 0xff);
    }

    @Test
    void rejectsAnOddLengthWithoutEchoingTheInput() {
        assertThatThrownBy(() -> DeviceSecret.fromHex("abcdef123"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("abcdef123").hasMessageContaining("even number");
    }

    @Test
    void rejectsNonHexWithoutEchoingTheInput() {
        assertThatThrownBy(() -> DeviceSecret.fromHex("s3cr3tpassw0rd!!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cr3t").hasMessageContaining("hex digits only");
    }

    @Test
    void rejectsNonAsciiDigitsThatJavaCountsAsHex() {
        // U+0663 ARABIC-INDIC DIGIT THREE and U+FF21 FULLWIDTH A: Character.digit(c, 16) accepts both.
        assertThatThrownBy(() -> DeviceSecret.fromHex("\u0663\uff21"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hex digits only");
    }

    @Test
    void rejectsAnEmptySecret() {
        assertThatThrownBy(() -> DeviceSecret.fromHex("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bytesAreACopy() {
        DeviceSecret secret = DeviceSecret.fromHex("0102");
        secret.bytes()[0] = 9;

        assertThat(secret.bytes()).containsExactly(1, 2);
    }
}
