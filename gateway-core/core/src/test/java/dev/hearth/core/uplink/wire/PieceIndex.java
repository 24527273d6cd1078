package dev.hearth.core.uplink.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Every 6-byte piece of every planted value (its UTF-8 bytes), mapped to every planted value that has
 * it: an open-addressing table of 48-bit keys, each with a chain of planted-value numbers, so millions
 * of pieces fit in tens of megabytes and a payload is scanned in one pass of a rolling window. Filled
 * by one thread before any scan starts; read-only afterwards.
 */
final class PieceIndex {
    static final int PIECE = 6;
    private static final long MASK = (1L << 48) - 1;
    private static final long EMPTY = -1L;

    private long[] keys;
    private int[] heads;
    private int[] counts;
    private int size;
    private int[] entryRef;
    private int[] entryNext;
    private int entries;

    PieceIndex(int expectedPieces) {
        int capacity = Integer.highestOneBit(Math.max(16, expectedPieces * 2) - 1) << 1;
        keys = new long[capacity];
        heads = new int[capacity];
        counts = new int[capacity];
        Arrays.fill(keys, EMPTY);
        entryRef = new int[Math.max(16, expectedPieces)];
        entryNext = new int[entryRef.length];
    }

    /** Indexes every piece of {@code needle} as belonging to planted value {@code ref}. */
    void add(String needle, int ref) {
        byte[] b = needle.getBytes(StandardCharsets.UTF_8);
        if (b.length < PIECE) throw new IllegalArgumentException("a planted value shorter than " + PIECE + " bytes: " + needle);
        long key = 0;
        for (int i = 0; i < b.length; i++) {
            key = ((key << 8) | (b[i] & 0xff)) & MASK;
            if (i >= PIECE - 1) put(key, ref);
        }
    }

    /** Whether {@code data} has any piece of any planted value. */
    boolean hits(byte[] data) {
        long key = 0;
        for (int i = 0; i < data.length; i++) {
            key = ((key << 8) | (data[i] & 0xff)) & MASK;
            if (i >= PIECE - 1 && slotOf(key) >= 0) return true;
        }
        return false;
    }

    /**
     * Calls {@code ref} with the planted values that may be whole in {@code data}: those of every piece
     * found that at most {@code maxShared} values have, or else those of the rarest piece found (common
     * pieces such as "192.16" are shared by thousands and would say nothing).
     */
    void candidates(byte[] data, int maxShared, IntConsumer ref) {
        long key = 0;
        int best = -1;
        boolean any = false;
        for (int i = 0; i < data.length; i++) {
            key = ((key << 8) | (data[i] & 0xff)) & MASK;
            if (i < PIECE - 1) continue;
            int slot = slotOf(key);
            if (slot < 0) continue;
            if (counts[slot] <= maxShared) {
                any = true;
                for (int e = heads[slot]; e >= 0; e = entryNext[e]) ref.accept(entryRef[e]);
            }
            if (best < 0 || counts[slot] < counts[best]) best = slot;
        }
        if (any || best < 0) return;
        for (int e = heads[best]; e >= 0; e = entryNext[e]) ref.accept(entryRef[e]);
    }

    private void put(long key, int ref) {
        if (size * 2 >= keys.length) grow();
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != EMPTY && keys[i] != key) i = (i + 1) & mask;
        if (keys[i] == EMPTY) {
            keys[i] = key;
            heads[i] = -1;
            size++;
        } else if (entryRef[heads[i]] == ref) {
            return; // the same value has this piece twice
        }
        heads[i] = entry(ref, heads[i]);
        counts[i]++;
    }

    private int entry(int ref, int next) {
        if (entries == entryRef.length) {
            entryRef = Arrays.copyOf(entryRef, entries * 2);
            entryNext = Arrays.copyOf(entryNext, entries * 2);
        }
        entryRef[entries] = ref;
        entryNext[entries] = next;
        return entries++;
    }

    private int slotOf(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (keys[i] == EMPTY) return -1;
            if (keys[i] == key) return i;
        }
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldHeads = heads;
        int[] oldCounts = counts;
        keys = new long[oldKeys.length * 2];
        heads = new int[oldKeys.length * 2];
        counts = new int[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] == EMPTY) continue;
            int i = slot(oldKeys[j], mask);
            while (keys[i] != EMPTY) i = (i + 1) & mask;
            keys[i] = oldKeys[j];
            heads[i] = oldHeads[j];
            counts[i] = oldCounts[j];
        }
    }
}
