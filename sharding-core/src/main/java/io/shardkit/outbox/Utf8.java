package io.shardkit.outbox;

/** Counts UTF-8 bytes without encoding. Stateless, thread-safe. */
final class Utf8 {

    private Utf8() {
    }

    /** Bytes {@code s} takes in UTF-8; an unpaired surrogate counts as the 3-byte replacement it is encoded to. */
    static long length(CharSequence s) {
        long bytes = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
