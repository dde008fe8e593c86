package io.shardkit.scatter.paging;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Page tokens: the per-shard positions of a keyset walk, bound to the query, signed and Base64URL-encoded.
 *
 * <pre>
 * version (1 byte) | query fingerprint (32) | shard count (int) | per shard: flags (1) [key] | HMAC-SHA256 (32)
 * </pre>
 *
 * The fingerprint is SHA-256 of the rule, its shard names and the caller's query text, so a token for another
 * query or another shard layout is refused. Nothing is kept server-side: a token verifies after a restart as
 * long as the secret is the same.
 *
 * <p>Thread-safe.
 */
final class PageTokens<S> {

    static final byte VERSION = 1;
    private static final int HAS_KEY = 1;
    private static final int EXHAUSTED = 2;

    private final TokenSigner signer;
    private final SortKeyCodec<S> codec;

    PageTokens(byte[] secret, SortKeyCodec<S> codec) {
        this.signer = new TokenSigner(secret);
        this.codec = codec;
    }

    String encode(byte[] fingerprint, List<ShardPosition<S>> positions) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.write(fingerprint);
            out.writeInt(positions.size());
            for (ShardPosition<S> p : positions) {
                S key = p.key();
                out.writeByte((key != null ? HAS_KEY : 0) | (p.exhausted() ? EXHAUSTED : 0));
                if (key != null) {
                    codec.write(key, out);
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("writing to memory cannot fail", ex);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign(bytes.toByteArray()));
    }

    List<ShardPosition<S>> decode(String rule, String token, byte[] fingerprint, int shardCount) {
        byte[] signed;
        try {
            signed = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException ex) {
            throw InvalidPageTokenException.notBase64(rule, ex);
        }
        if (signed.length > 0 && signed[0] != VERSION) {
            throw InvalidPageTokenException.unsupportedVersion(rule, signed[0], VERSION);
        }
        byte[] body = signer.verify(signed);
        if (body == null || body.length < 1 + TokenSigner.TAG_LENGTH + 4) {
            throw InvalidPageTokenException.forged(rule);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            in.readByte();
            byte[] issuedFor = new byte[TokenSigner.TAG_LENGTH];
            in.readFully(issuedFor);
            if (!MessageDigest.isEqual(issuedFor, fingerprint)) {
                throw InvalidPageTokenException.foreign(rule);
            }
            int count = in.readInt();
            if (count != shardCount) {
                throw InvalidPageTokenException.shardCount(rule, count, shardCount);
            }
            List<ShardPosition<S>> positions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int flags = in.readUnsignedByte();
                S key = (flags & HAS_KEY) != 0 ? codec.read(in) : null;
                positions.add(new ShardPosition<>(key, (flags & EXHAUSTED) != 0));
            }
            if (in.available() > 0) {
                throw InvalidPageTokenException.trailingBytes(rule);
            }
            return positions;
        } catch (IOException | RuntimeException ex) {
            if (ex instanceof InvalidPageTokenException invalid) {
                throw invalid;
            }
            // Signed by us but unreadable: written by an incompatible sort key codec.
            throw InvalidPageTokenException.unreadable(rule, ex);
        }
    }
}
