package dev.hearth.core.home;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.Supplier;

/** Short random ids with a prefix, e.g. {@code r_k3j9x2mq}: unguessable enough, easy to read. */
public final class RandomIds implements Supplier<String> {
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private static final int LENGTH = 10;

    private final String prefix;
    private final SecureRandom random = new SecureRandom();

    public RandomIds(String prefix) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    @Override
    public String get() {
        StringBuilder b = new StringBuilder(prefix.length() + LENGTH).append(prefix);
        for (int i = 0; i < LENGTH; i++) b.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        return b.toString();
    }
}
