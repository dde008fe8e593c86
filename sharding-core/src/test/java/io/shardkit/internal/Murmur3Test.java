package io.shardkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * shardkit's allocation-free murmur3 and jump hash must equal Guava's, the reference the mapping contract
 * names. Random inputs come from fixed seeds (a failure reproduces) and are mixed with edge values.
 */
class Murmur3Test {

    private static final List<Long> EDGE_LONGS = List.of(0L, 1L, -1L, 42L, Long.MIN_VALUE, Long.MAX_VALUE,
            (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE, 0xFFL, 0x100L);

    @Test
    void longsMatchGuavaOverBigEndianBytes() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 20_000; i++) {
            long value = i < EDGE_LONGS.size() ? EDGE_LONGS.get(i) : random.nextLong();
            byte[] bytes = ByteBuffer.allocate(8).putLong(value).array();
            assertThat(Murmur3.hashLongBigEndian(value)).as("key %d", value)
                    .isEqualTo(Hashing.murmur3_128().hashBytes(bytes).asLong());
        }
    }

    @Test
    void stringsMatchGuavaOverUtf8() {
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 5_000; i++) {
            String value = randomString(random, random.nextInt(40));
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            assertThat(Murmur3.hashUtf8(value)).as("key [%s]", value)
                    .isEqualTo(Hashing.murmur3_128().hashBytes(bytes).asLong());
        }
    }

    @Test
    void everyTailLengthMatchesGuava() {
        SplittableRandom random = new SplittableRandom(42);
        for (int len = 0; len <= 64; len++) {
            byte[] bytes = new byte[len];
            for (int i = 0; i < len; i++) {
                bytes[i] = (byte) random.nextInt(256);
            }
            assertThat(Murmur3.hashBytes(bytes)).as("length %d", len)
                    .isEqualTo(Hashing.murmur3_128().hashBytes(bytes).asLong());
        }
    }

    @Test
    void uuidsMatchGuavaOverSixteenBytes() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            long msb = i < EDGE_LONGS.size() ? EDGE_LONGS.get(i) : random.nextLong();
            long lsb = random.nextLong();
            byte[] bytes = ByteBuffer.allocate(16).putLong(msb).putLong(lsb).array();
            assertThat(Murmur3.hash128BigEndian(msb, lsb)).isEqualTo(Hashing.murmur3_128().hashBytes(bytes).asLong());
        }
    }

    @Test
    void jumpHashMatchesGuavaConsistentHash() {
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 50_000; i++) {
            long input = i < EDGE_LONGS.size() ? EDGE_LONGS.get(i) : random.nextLong();
            int buckets = 1 + random.nextInt(5000);
            assertThat(JumpHash.bucket(input, buckets)).as("input %d, %d buckets", input, buckets)
                    .isEqualTo(Hashing.consistentHash(input, buckets));
        }
    }

    /** Mixes ASCII, Latin-1, CJK and supplementary code points so every UTF-8 length is exercised. */
    private static String randomString(SplittableRandom random, int codePoints) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            int kind = random.nextInt(4);
            int cp = switch (kind) {
                case 0 -> random.nextInt(0x20, 0x7F);
                case 1 -> random.nextInt(0xA0, 0x800);
                case 2 -> random.nextInt(0x4E00, 0x9FFF);
                default -> random.nextInt(0x1F300, 0x1F64F);
            };
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }
}
