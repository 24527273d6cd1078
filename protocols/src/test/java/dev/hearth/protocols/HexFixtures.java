package dev.hearth.protocols;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Golden byte fixtures: lowercase hex, split across lines at will, {@code #} starts a comment.
 * Loaded from the test class path ({@code fixtures/...}).
 */
public final class HexFixtures {

    private static final HexFormat HEX = HexFormat.of();

    private HexFixtures() {
    }

    public static byte[] load(String resource) {
        try (InputStream in = HexFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + resource + " (run FixtureWriter)");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] parse(String text) {
        StringBuilder digits = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            int comment = line.indexOf('#');
            String data = (comment >= 0 ? line.substring(0, comment) : line).replaceAll("\\s+", "");
            if (!data.matches("[0-9a-f]*")) {
                throw new IllegalArgumentException("fixture line is not lowercase hex: " + line);
            }
            digits.append(data);
        }
        return HEX.parseHex(digits);
    }

    /** The fixture text for {@code bytes}: a comment line, then 32 bytes a line. */
    public static String format(String comment, byte[] bytes) {
        StringBuilder out = new StringBuilder("# ").append(comment).append('\n');
        String hex = HEX.formatHex(bytes);
        for (int i = 0; i < hex.length(); i += 64) {
            out.append(hex, i, Math.min(hex.length(), i + 64)).append('\n');
        }
        return out.toString();
    }
}
