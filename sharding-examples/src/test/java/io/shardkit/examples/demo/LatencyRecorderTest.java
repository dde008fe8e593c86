package io.shardkit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void percentilesAreNearestRankOverAllRecorders() {
        LatencyRecorder a = new LatencyRecorder(2);
        LatencyRecorder b = new LatencyRecorder(0);
        for (long v = 1; v <= 50; v++) {
            a.record(v);
        }
        for (long v = 100; v >= 51; v--) {
            b.record(v);
        }
        LatencyRecorder.Percentiles p = LatencyRecorder.merge(List.of(a, b));

        assertThat(p.count()).isEqualTo(100);
        assertThat(p.percentileNanos(50)).isEqualTo(50);
        assertThat(p.percentileNanos(99)).isEqualTo(99);
        assertThat(p.percentileNanos(99.9)).isEqualTo(100);
        assertThat(p.percentileNanos(1)).isEqualTo(1);
        assertThat(p.maxNanos()).isEqualTo(100);
    }

    @Test
    void emptyDistributionAnswersZeroAndBadPercentIsRefused() {
        LatencyRecorder.Percentiles p = LatencyRecorder.merge(List.of(new LatencyRecorder(4)));
        assertThat(p.percentileNanos(99)).isZero();
        assertThat(p.maxNanos()).isZero();
        assertThatThrownBy(() -> p.percentileNanos(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.percentileNanos(100.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
