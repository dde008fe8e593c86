package io.shardkit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void lineShowsBarCountsRateAndEta() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong done = new AtomicLong(500);
        try (ProgressBar bar = ProgressBar.start(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1_000,
                done::get)) {
            String line = bar.line(500, 1_000_000_000L);
            assertThat(line).startsWith("[" + "#".repeat(15) + ".".repeat(15) + "]")
                    .contains("500/1,000").contains(" 50%").contains("500 orders/s").contains("eta    1s");
            done.set(1_000);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("\r").endsWith(System.lineSeparator()).contains("1,000/1,000 100%")
                .doesNotContain("\n[");
    }
}
