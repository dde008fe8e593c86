package io.shardkit.examples.order;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-evident keyset page tokens: the position of the last row of a page (its {@code created_at}
 * and id), bound to the query it belongs to and signed with HMAC-SHA256. A token that was altered, forged, or
 * issued for another query is refused with a {@link BadPageTokenException}, so a client can never page through
 * data it did not ask for or make a shard run an arbitrary seek.
 *
 * <p>Because the position is a point in the one total order (created_at, id) every shard sorts by, the next
 * page asks each shard only for rows after it: page 1,000 costs what page 1 costs, with no OFFSET anywhere.
 * With the same secret, tokens stay valid across restarts and nodes.
 *
 * <p>Thread-safe: a {@link Mac} is made per call.
 */
public final class PageTokens {

    private static final int VERSION = 1;
    private static final int MAC_BYTES = 16;
    private static final int BODY_BYTES = 1 + 8 + 4 + 8;

    private final SecretKeySpec key;

    public PageTokens(String secret) {
        if (secret.length() < 16) {
            throw new IllegalArgumentException("the page token secret must have at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /**
     * A position in (created_at, id) order.
     *
     * @param createdAt the row's creation time
     * @param id        the row's id
     */
    public record Position(Instant createdAt, long id) {
    }

    /** The token for continuing {@code query} after {@code position}. */
    public String encode(String query, Position position) {
        ByteBuffer body = ByteBuffer.allocate(BODY_BYTES);
        body.put((byte) VERSION).putLong(position.createdAt().getEpochSecond())
                .putInt(position.createdAt().getNano()).putLong(position.id());
        byte[] mac = mac(query, body.array());
        byte[] token = Arrays.copyOf(body.array(), BODY_BYTES + MAC_BYTES);
        System.arraycopy(mac, 0, token, BODY_BYTES, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** The position in {@code token}; {@link BadPageTokenException} unless this service issued it for {@code query}. */
    public Position decode(String query, String token) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw invalid("it is not base64url");
        }
        if (bytes.length != BODY_BYTES + MAC_BYTES || bytes[0] != VERSION) {
            throw invalid("it has the wrong length or version");
        }
        byte[] body = Arrays.copyOf(bytes, BODY_BYTES);
        byte[] expected = mac(query, body);
        if (!MessageDigest.isEqual(Arrays.copyOfRange(bytes, BODY_BYTES, bytes.length), expected)) {
            throw invalid("its signature does not match (altered, forged, or issued for another query)");
        }
        ByteBuffer b = ByteBuffer.wrap(body, 1, BODY_BYTES - 1);
        long seconds = b.getLong();
        int nanos = b.getInt();
        return new Position(Instant.ofEpochSecond(seconds, nanos), b.getLong());
    }

    private byte[] mac(String query, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(query.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Arrays.copyOf(mac.doFinal(body), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static BadPageTokenException invalid(String why) {
        return new BadPageTokenException("pageToken is invalid: " + why + "; start again from the first page");
    }
}
