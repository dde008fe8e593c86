package io.shardkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** shardkit's allocation-free murmur3 must equal Guava's, the reference the mapping contract names. */
class Murmur3Test {

    @Property(tries = 2000)
    void longsMatchGuavaOverBigEndianBytes(@ForAll long value) {
        byte[] bytes = ByteBuffer.allocate(8).putLong(value).array();
        assertThat(Murmur3.hashLongBigEndian(value)).isEqualTo(Hashing.murmur3_128().hashBytes(bytes).asLong());
    }

    @Property(tries = 2000)
    void stringsMatchGuavaOverUtf8(@ForAll String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        assertThat(Murmur3.hashUtf8(value)).isEqualTo(Hashing.murmur3_128().hashBytes(bytes).asLong());
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

    @Property(tries = 2000)
    void uuidsMatchGuavaOverSixteenBytes(@ForAll long msb, @ForAll long lsb) {
        UUID uuid = new UUID(msb, lsb);
        byte[] bytes = ByteBuffer.allocate(16).putLong(msb).putLong(lsb).array();
        assertThat(Murmur3.hash128BigEndian(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits()))
                .isEqualTo(Hashing.murmur3_128().hashBytes(bytes).asLong());
    }

    @Property(tries = 5000)
    void jumpHashMatchesGuavaConsistentHash(@ForAll long input, @ForAll("buckets") int buckets) {
        assertThat(JumpHash.bucket(input, buckets)).isEqualTo(Hashing.consistentHash(input, buckets));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> buckets() {
        return net.jqwik.api.Arbitraries.integers().between(1, 5000);
    }
}
