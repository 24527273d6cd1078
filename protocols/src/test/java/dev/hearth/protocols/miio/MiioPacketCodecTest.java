package dev.hearth.protocols.miio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MiioPacketCodecTest {
    private final MiioPacketCodec codec = new MiioPacketCodec(1024);
    private final MiioHeader header = MiioHeader.of(0xfedcba98L, 0xffff_fffeL);

    private byte[] packet(String json) {
        return codec.encode(header, json.getBytes(StandardCharsets.UTF_8), Fixtures.TOKEN);
    }

    @Test
    void roundTripsHeaderAndJson() {
        MiioDecodeResult r = codec.decode(packet("{\"id\":9999,\"result\":[\"ok\"]}"), Fixtures.TOKEN);
        assertThat(r).isEqualTo(new MiioDecodeResult.Message(header,
                "{\"id\":9999,\"result\":[\"ok\"]}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void payloadOfExactlyOneBlockGetsAFullPaddingBlock() {
        byte[] p = packet("0123456789abcdef");
        assertThat(p).hasSize(32 + 32);
        assertThat(((MiioDecodeResult.Message) codec.decode(p, Fixtures.TOKEN)).jsonText()).isEqualTo("0123456789abcdef");
    }

    @Test
    void flippedChecksumBitIsMalformed() {
        byte[] p = packet("{\"id\":1,\"method\":\"miIO.info\",\"params\":[]}");
        p[20] ^= 1;
        assertThat(codec.decode(p, Fixtures.TOKEN)).isEqualTo(new MiioDecodeResult.Malformed("bad_checksum"));
    }

    @Test
    void flippedHeaderOrCipherTextBitIsMalformed() {
        byte[] p = packet("{\"id\":1,\"method\":\"miIO.info\",\"params\":[]}");
        byte[] stamp = p.clone();
        stamp[13] ^= 1;
        assertThat(codec.decode(stamp, Fixtures.TOKEN)).isEqualTo(new MiioDecodeResult.Malformed("bad_checksum"));
        byte[] body = p.clone();
        body[40] ^= 1;
        assertThat(codec.decode(body, Fixtures.TOKEN)).isEqualTo(new MiioDecodeResult.Malformed("bad_checksum"));
    }

    @Test
    void shortLongAndForeignPacketsAreMalformed() {
        byte[] p = packet("{\"id\":1,\"method\":\"miIO.info\",\"params\":[]}");
        assertThat(codec.decode(new byte[0], Fixtures.TOKEN)).isEqualTo(new MiioDecodeResult.Malformed("truncated"));
        assertThat(codec.decode(Arrays.copyOf(p, 31), Fixtures.TOKEN)).isEqualTo(new MiioDecodeResult.Malformed("truncated"));
        assertThat(codec.decode(Arrays.copyOf(p, p.length - 16), Fixtures.TOKEN)).isEqualTo(new MiioDecodeResult.Malformed("length_mismatch"));
        assertThat(codec.decode(new byte[1025], Fixtures.TOKEN)).isEqualTo(new MiioDecodeResult.Malformed("oversized"));
        byte[] magic = p.clone();
        magic[0] = 0x21;
        magic[1] = 0x32;
        assertThat(codec.decode(magic, Fixtures.TOKEN)).isEqualTo(new MiioDecodeResult.Malformed("bad_magic"));
        byte[] unaligned = Arrays.copyOf(p, p.length + 3);
        unaligned[2] = 0;
        unaligned[3] = (byte) unaligned.length;
        assertThat(codec.decode(unaligned, Fixtures.TOKEN)).isEqualTo(new MiioDecodeResult.Malformed("unaligned_payload"));
    }

    @Test
    void correctChecksumOverBadPaddingIsMalformed() {
        // a packet whose checksum is right but whose plaintext padding is not: only a token holder can make one
        byte[] p = packet("{\"id\":1}");
        byte[] truncatedPadding = new byte[32 + 16];
        System.arraycopy(p, 0, truncatedPadding, 0, 32);
        byte[] junk = new byte[16];
        Arrays.fill(junk, (byte) 0x55);
        System.arraycopy(junk, 0, truncatedPadding, 32, 16);
        truncatedPadding[3] = (byte) truncatedPadding.length;
        byte[] sum = MiioToken.md5(Arrays.copyOf(truncatedPadding, 16), Fixtures.TOKEN.bytes(), junk);
        System.arraycopy(sum, 0, truncatedPadding, 16, 16);
        assertThat(codec.decode(truncatedPadding, Fixtures.TOKEN)).isInstanceOf(MiioDecodeResult.Malformed.class);
    }

    @Test
    void refusesToEncodeBeyondTheLimit() {
        assertThatThrownBy(() -> packet("x".repeat(1000))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceeds the limit");
    }

    @Test
    void tokenNeverShowsItselfAndParsesOnlyHex() {
        assertThat(Fixtures.TOKEN.toString()).isEqualTo("MiioToken[redacted]").doesNotContain("0011");
        assertThat(Fixtures.TOKEN.toHex()).isEqualTo("00112233445566778899aabbccddeeff");
        assertThat(MiioToken.fromHex("00112233445566778899AABBCCDDEEFF")).isEqualTo(Fixtures.TOKEN);
        assertThatThrownBy(() -> MiioToken.fromHex("zz112233445566778899aabbccddeeff"))
                .hasMessage("a miIO token must be hex digits only");
        assertThatThrownBy(() -> MiioToken.fromHex("0011")).hasMessage("a miIO token is 32 hex digits");
        assertThatThrownBy(() -> MiioToken.of(new byte[15])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodedMessageDoesNotPrintItsPayload() {
        var m = (MiioDecodeResult.Message) codec.decode(packet("{\"token\":\"secret\"}"), Fixtures.TOKEN);
        assertThat(m.toString()).doesNotContain("secret");
    }
}
