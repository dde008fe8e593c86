package io.shardkit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    @Test
    void mediansOfEachPathAndTheirRatio() {
        // 1,000 orders in 0.5 s / 0.25 s / 1 s: 2,000 / 4,000 / 1,000 orders/s, median 2,000.
        Comparison c = new Comparison(List.of(round(1_000, 500), round(1_000, 250), round(1_000, 1_000)),
                List.of(round(1_000, 100), round(1_000, 400)));
        assertThat(c.serviceThroughput()).isCloseTo(2_000, within(0.01));
        assertThat(c.directThroughput()).isCloseTo((10_000 + 2_500) / 2.0, within(0.01));
        assertThat(c.ratio()).isCloseTo(2_000 / 6_250.0, within(1e-9));
        assertThat(c.plusService(round(1_000, 125)).service()).hasSize(4);
        assertThat(c.service().get(0).cpuMicrosPerOrder()).isCloseTo(100, within(1e-9));
        assertThat(c.cpuRatio()).isCloseTo(1, within(1e-9));
    }

    @Test
    void printsEveryRoundAndTheRatio() {
        Comparison c = new Comparison(List.of(round(1_000, 500)), List.of(round(1_000, 250)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        c.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("plain JDBC (no Spring)", "service (@Sharded, Spring)", "4,000", "2,000",
                "ratio   service / plain JDBC = 50%");
    }

    private static Comparison.Round round(long placed, long millis) {
        LatencyRecorder recorder = new LatencyRecorder(1);
        recorder.record(1_000_000);
        // 100 µs of process CPU per order.
        return new Comparison.Round(placed, 0, millis * 1_000_000, LatencyRecorder.merge(List.of(recorder)),
                placed * 100_000);
    }
}
