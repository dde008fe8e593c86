package io.shardkit.internal;

import java.nio.charset.StandardCharsets;

/**
 * The first 64 bits of murmur3 x64 128 (seed 0), i.e. {@code Hashing.murmur3_128().hashBytes(b).asLong()} in
 * Guava, specialised for the canonical key forms so that hashing a number or a UUID allocates nothing. Tests
 * check every specialisation against Guava itself.
 *
 * <p>Stateless and thread-safe.
 */
public final class Murmur3 {

    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private Murmur3() {
    }

    /** Hash of the 8 bytes of {@code value} in big-endian order. */
    public static long hashLongBigEndian(long value) {
        // The tail of an 8-byte input is read little-endian; reversing makes it the big-endian byte form.
        long h1 = mixK1(Long.reverseBytes(value));
        long h2 = 0;
        return finish(h1, h2, 8);
    }

    /** Hash of 16 bytes: {@code msb} then {@code lsb}, each big-endian (the UUID byte form). */
    public static long hash128BigEndian(long msb, long lsb) {
        long h1 = 0;
        long h2 = 0;
        h1 ^= mixK1(Long.reverseBytes(msb));
        h1 = Long.rotateLeft(h1, 27);
        h1 += h2;
        h1 = h1 * 5 + 0x52dce729;
        h2 ^= mixK2(Long.reverseBytes(lsb));
        h2 = Long.rotateLeft(h2, 31);
        h2 += h1;
        h2 = h2 * 5 + 0x38495ab5;
        return finish(h1, h2, 16);
    }

    /** Hash of the UTF-8 bytes of {@code s}. */
    public static long hashUtf8(String s) {
        return hashBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Hash of {@code bytes}. */
    public static long hashBytes(byte[] bytes) {
        long h1 = 0;
        long h2 = 0;
        int len = bytes.length;
        int blocks = len / 16;
        for (int i = 0; i < blocks; i++) {
            int at = i * 16;
            h1 ^= mixK1(littleEndian(bytes, at, 8));
            h1 = Long.rotateLeft(h1, 27);
            h1 += h2;
            h1 = h1 * 5 + 0x52dce729;
            h2 ^= mixK2(littleEndian(bytes, at + 8, 8));
            h2 = Long.rotateLeft(h2, 31);
            h2 += h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        int tail = blocks * 16;
        int rest = len - tail;
        if (rest > 8) {
            h2 ^= mixK2(littleEndian(bytes, tail + 8, rest - 8));
        }
        if (rest > 0) {
            h1 ^= mixK1(littleEndian(bytes, tail, Math.min(rest, 8)));
        }
        return finish(h1, h2, len);
    }

    private static long littleEndian(byte[] b, int from, int count) {
        long v = 0;
        for (int i = count - 1; i >= 0; i--) {
            v = (v << 8) | (b[from + i] & 0xffL);
        }
        return v;
    }

    private static long finish(long h1, long h2, int len) {
        h1 ^= len;
        h2 ^= len;
        h1 += h2;
        h2 += h1;
        h1 = fmix64(h1);
        h2 = fmix64(h2);
        h1 += h2;
        return h1;
    }

    private static long mixK1(long k1) {
        k1 *= C1;
        k1 = Long.rotateLeft(k1, 31);
        k1 *= C2;
        return k1;
    }

    private static long mixK2(long k2) {
        k2 *= C2;
        k2 = Long.rotateLeft(k2, 33);
        k2 *= C1;
        return k2;
    }

    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
