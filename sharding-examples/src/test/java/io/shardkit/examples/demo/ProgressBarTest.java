package io.shardkit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void onATerminalTheLineIsRedrawnInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong done = new AtomicLong(500);
        try (ProgressBar bar = ProgressBar.start(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1_000,
                done::get, true, ProgressBar.PLAIN_PERIOD_MILLIS)) {
            String line = bar.line(500, 1_000_000_000L);
            assertThat(line).startsWith("[" + "#".repeat(15) + ".".repeat(15) + "]")
                    .contains("500/1,000").contains(" 50%").contains("500 orders/s").contains("eta    1s");
            done.set(1_000);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("\r").endsWith(System.lineSeparator()).contains("1,000/1,000 100%")
                .doesNotContain("\n[");
    }

    @Test
    void elsewhereWholeLinesArePrintedPeriodicallyWithoutCarriageReturns() throws InterruptedException {
        CountDownLatch twoLines = new CountDownLatch(2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream counting = new OutputStream() {
            @Override
            public synchronized void write(int b) {
                bytes.write(b);
                if (b == '\n') {
                    twoLines.countDown();
                }
            }
        };
        AtomicLong done = new AtomicLong(250);
        try (ProgressBar ignored = ProgressBar.start(new PrintStream(counting, true, StandardCharsets.UTF_8), 1_000,
                done::get, false, 10)) {
            assertThat(twoLines.await(10, TimeUnit.SECONDS)).as("two periodic lines").isTrue();
            done.set(1_000);
        }
        String out;
        synchronized (counting) {
            out = bytes.toString(StandardCharsets.UTF_8);
        }
        assertThat(out).doesNotContain("\r").startsWith("[").contains("250/1,000  25%")
                .endsWith(System.lineSeparator());
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(3).allMatch(l -> l.startsWith("["));
        assertThat(lines.get(lines.size() - 1)).as("the final state, printed on close").contains("1,000/1,000 100%");
    }

    @Test
    void onlyAConsoleThatIsATerminalWithoutCiOrDumbTermRedraws() {
        assertThat(ProgressBar.isTerminal(true, Map.of("TERM", "xterm-256color"))).isTrue();
        assertThat(ProgressBar.isTerminal(true, Map.of())).isTrue();
        assertThat(ProgressBar.isTerminal(false, Map.of("TERM", "xterm"))).isFalse();
        assertThat(ProgressBar.isTerminal(true, Map.of("TERM", "dumb"))).isFalse();
        assertThat(ProgressBar.isTerminal(true, Map.of("TERM", "xterm", "CI", "true"))).isFalse();
    }
}
