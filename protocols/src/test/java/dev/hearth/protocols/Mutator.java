package dev.hearth.protocols;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded mutations of valid inputs for the randomized decoder tests. */
public final class Mutator {

    private final SplittableRandom random;

    public Mutator(SplittableRandom random) {
        this.random = random;
    }

    /** A mutation of {@code valid} (or, one time in ten, unrelated random bytes). */
    public byte[] mutate(byte[] valid, List<byte[]> others) {
        return switch (random.nextInt(10)) {
            case 0 -> valid.clone();
            case 1, 2 -> flipBits(valid, 1 + random.nextInt(8));
            case 3 -> Arrays.copyOf(valid, random.nextInt(Math.max(1, valid.length)));
            case 4 -> replacePrefix(valid);
            case 5 -> append(valid, randomBytes(1 + random.nextInt(32)));
            case 6 -> append(append(valid, others.get(random.nextInt(others.size()))), randomBytes(random.nextInt(3)));
            case 7 -> overwriteBytes(valid, 1 + random.nextInt(4));
            case 8 -> spliceAt(valid, others.get(random.nextInt(others.size())));
            default -> randomBytes(random.nextInt(80));
        };
    }

    public byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private byte[] flipBits(byte[] in, int flips) {
        byte[] b = in.clone();
        for (int i = 0; i < flips && b.length > 0; i++) {
            int bit = random.nextInt(b.length * 8);
            b[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return b;
    }

    private byte[] overwriteBytes(byte[] in, int n) {
        byte[] b = in.clone();
        for (int i = 0; i < n && b.length > 0; i++) {
            b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
        return b;
    }

    /** Replaces the first 1 to 2 bytes (the length prefix, usually) with 1 to 6 random or extreme bytes. */
    private byte[] replacePrefix(byte[] in) {
        int drop = Math.min(in.length, 1 + random.nextInt(2));
        byte[] prefix = switch (random.nextInt(4)) {
            case 0 -> new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07};
            case 1 -> new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01};
            case 2 -> new byte[] {(byte) (0x80 | random.nextInt(128)), (byte) random.nextInt(256)};
            default -> randomBytes(1 + random.nextInt(6));
        };
        return append(prefix, Arrays.copyOfRange(in, drop, in.length));
    }

    private byte[] spliceAt(byte[] a, byte[] b) {
        int cut = random.nextInt(a.length + 1);
        return append(Arrays.copyOf(a, cut), Arrays.copyOfRange(b, random.nextInt(b.length + 1), b.length));
    }

    public static byte[] append(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** For failure messages: the input that broke a decoder, so it can become a unit test. */
    public static String describe(long seed, int index, byte[] input) {
        return "seed " + seed + " (rerun with -Dfuzz.seed=" + seed + "), case " + index + ", input " + HexFormat.of().formatHex(input);
    }

    /** The seed for a randomized test: {@code -Dfuzz.seed} if given, else a fixed default so runs repeat. */
    public static long seed(long fallback) {
        return Long.getLong("fuzz.seed", fallback);
    }
}
