package io.shardkit.scatter.paging;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Signs and verifies byte strings with HMAC-SHA256 (appended, 32 bytes), and fingerprints text with SHA-256.
 * Stateless apart from the key, so a token signed before a restart verifies after it with the same secret.
 *
 * <p>Thread-safe: a {@link Mac} is not, so each call takes its own.
 */
final class TokenSigner {

    /** Bytes of an HMAC-SHA256 tag and of a SHA-256 fingerprint. */
    public static final int TAG_LENGTH = 32;
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    public TokenSigner(byte[] secret) {
        this.key = new SecretKeySpec(secret.clone(), HMAC);
    }

    /** {@code body} followed by its tag. */
    public byte[] sign(byte[] body) {
        byte[] tag = tag(body, body.length);
        byte[] signed = Arrays.copyOf(body, body.length + TAG_LENGTH);
        System.arraycopy(tag, 0, signed, body.length, TAG_LENGTH);
        return signed;
    }

    /** The body of a signed byte string, or {@code null} when its tag is not this key's tag of that body. */
    public byte @Nullable [] verify(byte[] signed) {
        if (signed.length < TAG_LENGTH) {
            return null;
        }
        int bodyLength = signed.length - TAG_LENGTH;
        byte[] expected = tag(signed, bodyLength);
        byte[] actual = Arrays.copyOfRange(signed, bodyLength, signed.length);
        // Constant-time comparison: a timing difference would let a forger find the tag byte by byte.
        return MessageDigest.isEqual(expected, actual) ? Arrays.copyOf(signed, bodyLength) : null;
    }

    /** SHA-256 of the parts, each length-prefixed so that {@code ("ab","c")} and {@code ("a","bc")} differ. */
    public static byte[] fingerprint(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
                        (byte) (bytes.length >>> 8), (byte) bytes.length});
                digest.update(bytes);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
        }
    }

    private byte[] tag(byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update(data, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", ex);
        }
    }
}
