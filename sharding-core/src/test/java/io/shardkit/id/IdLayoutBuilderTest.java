package io.shardkit.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.ShardingConfigurationException;
import java.time.Instant;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every field of an id layout is checked where it is set, and the time left for ids where the layout is built. */
class IdLayoutBuilderTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "shardBits, 0, [1..16]",
        "shardBits, 17, [1..16]",
        "shardBits, -3, [1..16]",
        "nodeBits, -1, [0..10]",
        "nodeBits, 11, [0..10]",
        "sequenceBits, 3, [4..23]",
        "sequenceBits, 24, [4..23]",
    })
    void eachBadFieldIsATypedErrorNamingFieldRangeAndValue(String field, int value, String range) {
        IdLayoutBuilder builder = IdLayout.custom();
        IntFunction<IdLayoutBuilder> setter = switch (field) {
            case "shardBits" -> builder::shardBits;
            case "nodeBits" -> builder::nodeBits;
            case "sequenceBits" -> builder::sequenceBits;
            default -> throw new IllegalArgumentException(field);
        };
        assertThatThrownBy(() -> setter.apply(value))
                .isInstanceOf(ShardingConfigurationException.class)
                .hasMessage("IdLayout " + field + " must be in " + range + " but was " + value);
    }

    @Test
    void boundsOfEachFieldAreAccepted() {
        IdLayout narrow = IdLayout.custom().shardBits(1).nodeBits(0).sequenceBits(4).build();
        assertThat(narrow.timeBits()).isEqualTo(58);
        assertThat(narrow.maxShards()).isEqualTo(2);
        assertThat(narrow.maxSequence()).isEqualTo(15);
        IdLayout wide = IdLayout.custom().shardBits(1).nodeBits(0).sequenceBits(23).build();
        assertThat(wide.timeBits()).isEqualTo(39);
        IdLayout manyNodes = IdLayout.custom().shardBits(9).nodeBits(10).sequenceBits(4).build();
        assertThat(manyNodes.maxNodes()).isEqualTo(1024);
        IdLayout manyShards = IdLayout.custom().shardBits(16).nodeBits(0).sequenceBits(8).build();
        assertThat(manyShards.maxShards()).isEqualTo(65_536);
    }

    @Test
    void fewerThan39TimeBitsAreRefusedNamingEveryField() {
        IdLayout atLimit = IdLayout.custom().shardBits(10).nodeBits(4).sequenceBits(10).build();
        assertThat(atLimit.timeBits()).isEqualTo(39);
        assertThat(atLimit.lifetimeYears()).isBetween(17.4, 17.5);
        assertThat(atLimit.toString()).contains("time=39 bits", "17.4 years", "until 2042-06-03T21:56:53.887Z");
        assertThatThrownBy(() -> IdLayout.custom().shardBits(10).nodeBits(4).sequenceBits(11).build())
                .isInstanceOf(ShardingConfigurationException.class)
                .hasMessage("IdLayout time bits = 63 - shardBits 10 - nodeBits 4 - sequenceBits 11 = 38, but must be"
                        + " at least 39 (about 17.4 years from the epoch); shardBits + nodeBits + sequenceBits must"
                        + " be in [5..24]");
        assertThatThrownBy(() -> IdLayout.custom().shardBits(16).nodeBits(10).sequenceBits(23).build())
                .isInstanceOf(ShardingConfigurationException.class)
                .hasMessageContaining("= 14,");
    }

    @Test
    void epochMustBeAWholeMillisecondBetween1970And2100() {
        assertThatThrownBy(() -> IdLayout.custom().epoch(Instant.parse("1969-12-31T23:59:59.999Z")))
                .isInstanceOf(ShardingConfigurationException.class)
                .hasMessage("IdLayout epoch must be a whole millisecond in [1970-01-01T00:00:00Z..2100-01-01T00:00:00Z]"
                        + " but was 1969-12-31T23:59:59.999Z");
        assertThatThrownBy(() -> IdLayout.custom().epoch(Instant.parse("2100-01-01T00:00:00.001Z")))
                .isInstanceOf(ShardingConfigurationException.class).hasMessageContaining("epoch");
        assertThatThrownBy(() -> IdLayout.custom().epoch(Instant.parse("2025-01-01T00:00:00.000000500Z")))
                .isInstanceOf(ShardingConfigurationException.class).hasMessageContaining("whole millisecond");
        assertThatThrownBy(() -> IdLayout.custom().epoch(null)).isInstanceOf(NullPointerException.class);
        assertThat(IdLayout.custom().epoch(Instant.EPOCH).build().epochMillis()).isZero();
    }

    @Test
    void aRefusedSetterLeavesTheBuilderAsItWas() {
        IdLayoutBuilder builder = IdLayout.custom().shardBits(6);
        assertThatThrownBy(() -> builder.shardBits(99)).isInstanceOf(ShardingConfigurationException.class);
        assertThat(builder.build().shardBits()).isEqualTo(6);
    }

    @Test
    void layoutsAreValuesComparedByEpochAndFields() {
        IdLayout a = IdLayout.custom().shardBits(6).nodeBits(4).build();
        IdLayout b = IdLayout.custom().nodeBits(4).shardBits(6).build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(IdLayout.DEFAULT);
        assertThat(a).isNotEqualTo(IdLayout.custom().shardBits(6).nodeBits(4)
                .epoch(Instant.parse("2024-01-01T00:00:00Z")).build());
        assertThat(a.toString()).isEqualTo("IdLayout[time=41 bits since 2025-01-01T00:00:00Z"
                + " (until 2094-09-07T15:47:35.551Z, 69.7 years), shard=6 bits, node=4 bits, sequence=12 bits]");
    }
}
