package io.shardkit.it.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What an application printed while it started: standard out and error are copied (and still printed) while
 * {@link #capture} runs, whatever logging backend writes to them.
 *
 * <p>Not thread-safe: capture one start at a time.
 */
public final class StartupLog {

    private static final Pattern WARNING = Pattern.compile("\\b(WARN|WARNING|ERROR)\\b");

    private final String text;

    private StartupLog(String text) {
        this.text = text;
    }

    /** Runs {@code start}, returning what it returned and what was printed meanwhile. */
    public static <T> Captured<T> capture(Supplier<T> start) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new Tee(out, copy), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, copy), true, StandardCharsets.UTF_8));
        try {
            T value = start.get();
            return new Captured<>(value, new StartupLog(copy.toString(StandardCharsets.UTF_8)));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /**
     * The lines at WARN or ERROR level, and any stack trace lines, less those that {@code ignored} matches (warnings of
     * the test set-up itself, which a user's application does not have).
     */
    public List<String> warnings(Pattern... ignored) {
        return text.lines().filter(l -> WARNING.matcher(l).find() || l.startsWith("\tat ")
                || l.contains("Exception")).filter(l -> !matchesAny(l, ignored)).toList();
    }

    private static boolean matchesAny(String line, Pattern[] patterns) {
        for (Pattern p : patterns) {
            if (p.matcher(line).find()) {
                return true;
            }
        }
        return false;
    }

    public String text() {
        return text;
    }

    /** A started value and the log of its start. */
    public record Captured<T>(T value, StartupLog log) {
    }

    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            synchronized (second) {
                second.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            synchronized (second) {
                second.write(b, off, len);
            }
        }
    }
}
