package dev.hearth.protocols.miio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Golden packets written by python-miio (see src/test/resources/miio/make_fixtures.py). */
final class Fixtures {
    static final MiioToken TOKEN = MiioToken.fromHex("00112233445566778899aabbccddeeff");
    static final long DEVICE_ID = 0x0a1b2c3dL;
    static final long STAMP = 0x5f5e1L;

    private Fixtures() { }

    static byte[] packet(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/miio/" + name)) {
            if (in == null) throw new IllegalStateException("missing fixture " + name);
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
