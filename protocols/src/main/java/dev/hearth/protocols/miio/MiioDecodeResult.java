package dev.hearth.protocols.miio;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** What {@link MiioPacketCodec#decode} made of a datagram. The decoder never throws. */
public sealed interface MiioDecodeResult {

    /** A hello (handshake request): {@code 21310020} followed by 28 bytes of {@code ff}. */
    record Hello() implements MiioDecodeResult { }

    /** A device's answer to a hello: a 32-byte packet carrying its device id and stamp. */
    record HelloReply(long deviceId, long stamp) implements MiioDecodeResult { }

    /** An encrypted packet whose checksum matched the token; {@code json} is the decrypted payload. */
    record Message(MiioHeader header, byte[] json) implements MiioDecodeResult {
        public Message {
            Objects.requireNonNull(header, "header");
            json = json.clone();
        }

        @Override
        public byte[] json() {
            return json.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Message m && header.equals(m.header) && Arrays.equals(json, m.json);
        }

        @Override
        public int hashCode() {
            return 31 * header.hashCode() + Arrays.hashCode(json);
        }

        /** Shows only the payload's size: it may carry personal data or a token (miIO.info). */
        @Override
        public String toString() {
            return "Message[" + header + ", " + json.length + " bytes of JSON]";
        }

        /** The payload as text, for parsing. */
        public String jsonText() {
            return new String(json, StandardCharsets.UTF_8);
        }
    }

    /** Not a packet this codec accepts, with a short reason suitable as a counter tag. */
    record Malformed(String reason) implements MiioDecodeResult {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
