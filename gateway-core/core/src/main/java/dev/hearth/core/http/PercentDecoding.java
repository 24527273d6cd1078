package dev.hearth.core.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Strict percent-decoding of one URI path segment (RFC 3986): {@code %} must be followed by two hex
 * digits, the bytes must be valid UTF-8, and the result must hold no control characters (they have
 * no business in an id and would forge log lines). {@code +} stays {@code +}. Empty when any of that fails.
 */
final class PercentDecoding {
    private PercentDecoding() {
    }

    static Optional<String> decode(String segment) {
        byte[] bytes = new byte[segment.length() * 3];
        int n = 0;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) return Optional.empty();
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) return Optional.empty();
                bytes[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else {
                byte[] enc = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isSurrogate(c)) return Optional.empty(); // a raw path is ASCII from the codec
                System.arraycopy(enc, 0, bytes, n, enc.length);
                n += enc.length;
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) return Optional.empty();
        }
        return Optional.of(text);
    }
}
