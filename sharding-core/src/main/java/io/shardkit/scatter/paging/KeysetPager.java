package io.shardkit.scatter.paging;

import io.shardkit.Shard;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingRule;
import io.shardkit.scatter.Merger;
import io.shardkit.scatter.ScatterGatherException;
import io.shardkit.scatter.ScatterGatherExecutor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Pages through a query's rows across shards by keyset (seek) cursors. The page token carries, per shard, the
 * sort key of the last row returned from it and whether it is exhausted; each page asks every shard not yet
 * exhausted for {@code pageSize} rows strictly after its own position, merges them k-way and keeps the first
 * {@code pageSize}. Page 1,000 therefore costs what page 1 costs; no shard ever runs {@code OFFSET}.
 *
 * <pre>{@code
 * KeysetPager<OrderKey, Order> pager = KeysetPager.<OrderKey, Order>builder()
 *         .secret(secretBytes).order(OrderKey.ORDER).sortKey(Order::key).codec(OrderKey.CODEC).build();
 * Page<Order> page = pager.page(scatter, orders, "orders by time", token, 20,
 *         (shard, after, limit) -> after == null ? jdbc.query(FIRST, mapper, limit)
 *                 : jdbc.query(NEXT, mapper, after.createdAt(), after.createdAt(), after.id(), limit));
 * }</pre>
 *
 * <p>The sort key must be unique within a shard (add the id as a tie-breaker); otherwise "strictly after"
 * skips a shard's rows that tie with its position. Across shards ties merge in shard order.
 *
 * <p>Tokens are opaque Base64URL strings, signed with HMAC-SHA256 under the configured secret, versioned, and
 * bound to the rule, its shard layout and the query text given to {@link #page}; a forged, altered, foreign or
 * incompatible token fails with {@link InvalidPageTokenException}. They are stateless: they survive restarts
 * and can be served by any instance sharing the secret. They do not expire; put a time in the query text to
 * bound their life.
 *
 * <p>Concurrent writes: every row that existed when the walk began and still exists is returned exactly once,
 * in order. A row inserted during the walk is returned at most once, and only if it sorts after the walk's
 * current position on a shard not yet exhausted; it never appears out of order. A page may then hold fewer than
 * {@code pageSize} rows with a next token still present.
 *
 * <p>Immutable and thread-safe. Paging is always fail-fast: a page missing a shard's rows would skip them.
 */
public final class KeysetPager<S, T> {

    /** Shortest secret accepted: 32 bytes, the HMAC-SHA256 block of security. */
    public static final int MIN_SECRET_BYTES = 32;

    /**
     * Largest page size accepted unless the builder sets another ({@link Builder#maxPageSize(int)}): every shard
     * may be asked for this many rows per page, and the merged page holds as many.
     */
    public static final int DEFAULT_MAX_PAGE_SIZE = 10_000;

    private final PageTokens<S> tokens;
    private final PageMerge<S, T> merge;
    private final Comparator<? super S> order;
    private final Function<? super T, ? extends S> sortKey;
    private final int maxPageSize;

    private KeysetPager(Builder<S, T> b) {
        this.maxPageSize = b.maxPageSize;
        this.order = Objects.requireNonNull(b.order, "order");
        this.sortKey = Objects.requireNonNull(b.sortKey, "sortKey");
        this.tokens = new PageTokens<>(Objects.requireNonNull(b.secret, "secret"),
                Objects.requireNonNull(b.codec, "codec"));
        this.merge = new PageMerge<>(order, sortKey);
    }

    public static <S, T> Builder<S, T> builder() {
        return new Builder<>();
    }

    /**
     * One page.
     *
     * @param executor runs the shards' calls
     * @param rule     the rule whose shards hold the rows
     * @param query    text identifying the query and its parameters (e.g. the SQL and the bound values): a token
     *                 is accepted only with the same text, rule and shard layout it was issued for
     * @param token    the previous page's {@link Page#nextToken()}, or {@code null} for the first page
     * @param pageSize rows per page, from 1 to the pager's maximum ({@value #DEFAULT_MAX_PAGE_SIZE} by default);
     *                 nothing is allocated by page size up front
     * @param call     fetches one shard's next rows after its position
     * @throws InvalidPageSizeException when {@code pageSize} is below 1 or above the maximum
     */
    public Page<T> page(ScatterGatherExecutor executor, ShardingRule rule, String query, @Nullable String token,
                        int pageSize, PageCall<S, T> call) {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(call, "call");
        if (pageSize < 1 || pageSize > maxPageSize) {
            throw InvalidPageSizeException.outOfRange(rule.name(), pageSize, maxPageSize);
        }
        byte[] fingerprint = fingerprint(rule, Objects.requireNonNull(query, "query"));
        List<Shard> shards = rule.shards();
        List<ShardPosition<S>> positions = token == null
                ? new ArrayList<>(Collections.nCopies(shards.size(), ShardPosition.<S>start()))
                : new ArrayList<>(tokens.decode(rule.name(), token, fingerprint, shards.size()));
        List<Shard> live = new ArrayList<>();
        for (int slot = 0; slot < shards.size(); slot++) {
            if (!positions.get(slot).exhausted()) {
                live.add(shards.get(slot));
            }
        }
        if (live.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        List<PageMerge.Batch<T>> batches = executor.onShards(rule, live, req -> {
            int slot = shards.indexOf(req.shard());
            S after = positions.get(slot).key();
            List<T> rows = call.fetch(req.shard(), after, pageSize);
            checkBatch(rule, req.shard(), after, rows, pageSize);
            return new PageMerge.Batch<>(slot, rows);
        }, (Merger<PageMerge.Batch<T>, List<PageMerge.Batch<T>>>) results -> results).requireComplete();
        // Grows with the rows actually merged: a page size is an upper bound, never an allocation.
        List<T> items = new ArrayList<>();
        merge.merge(batches, positions, pageSize, items);
        boolean done = positions.stream().allMatch(ShardPosition::exhausted);
        return new Page<>(items, done ? null : tokens.encode(fingerprint, positions));
    }

    /** A shard that returns too many rows, or rows at or before its position, would corrupt the walk. */
    private void checkBatch(ShardingRule rule, Shard shard, @Nullable S after, List<T> rows, int pageSize) {
        if (rows.size() > pageSize) {
            throw ScatterGatherException.tooManyRows(rule.name(), shard, rows.size(), pageSize);
        }
        if (after != null && !rows.isEmpty() && order.compare(sortKey.apply(rows.get(0)), after) <= 0) {
            throw ScatterGatherException.rowNotAfterPosition(rule.name(), shard, after);
        }
    }

    private static byte[] fingerprint(ShardingRule rule, String query) {
        List<String> parts = new ArrayList<>();
        parts.add(rule.name());
        for (Shard shard : rule.shards()) {
            parts.add(shard.name());
        }
        parts.add(query);
        return TokenSigner.fingerprint(parts.toArray(new String[0]));
    }

    /** Builds a {@link KeysetPager}; every setting is required. Not thread-safe. */
    public static final class Builder<S, T> {
        private byte @Nullable [] secret;
        private @Nullable Comparator<? super S> order;
        private @Nullable Function<? super T, ? extends S> sortKey;
        private @Nullable SortKeyCodec<S> codec;
        private int maxPageSize = DEFAULT_MAX_PAGE_SIZE;

        private Builder() {
        }

        /**
         * The largest page size {@link KeysetPager#page} accepts; default {@value KeysetPager#DEFAULT_MAX_PAGE_SIZE}.
         * Every shard may be asked for this many rows per page.
         */
        public Builder<S, T> maxPageSize(int maxPageSize) {
            if (maxPageSize < 1) {
                throw new ShardingConfigurationException("maxPageSize must be >= 1 but was " + maxPageSize);
            }
            this.maxPageSize = maxPageSize;
            return this;
        }

        /** The HMAC key tokens are signed with, at least {@value #MIN_SECRET_BYTES} bytes; keep it secret. */
        public Builder<S, T> secret(byte[] secret) {
            Objects.requireNonNull(secret, "secret");
            if (secret.length < MIN_SECRET_BYTES) {
                throw new ShardingConfigurationException("the page token secret must be at least "
                        + MIN_SECRET_BYTES + " bytes but was " + secret.length);
            }
            this.secret = secret.clone();
            return this;
        }

        /** The secret as text (its UTF-8 bytes), e.g. from configuration. */
        public Builder<S, T> secret(String secret) {
            return secret(Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8));
        }

        /** The walk's order over sort keys; each shard's page call must sort the same way. */
        public Builder<S, T> order(Comparator<? super S> order) {
            this.order = Objects.requireNonNull(order, "order");
            return this;
        }

        /** Extracts a row's sort key. */
        public Builder<S, T> sortKey(Function<? super T, ? extends S> sortKey) {
            this.sortKey = Objects.requireNonNull(sortKey, "sortKey");
            return this;
        }

        /** Writes sort keys into tokens and reads them back. */
        public Builder<S, T> codec(SortKeyCodec<S> codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        public KeysetPager<S, T> build() {
            if (secret == null || order == null || sortKey == null || codec == null) {
                throw new ShardingConfigurationException("a keyset pager needs secret, order, sortKey and codec");
            }
            return new KeysetPager<>(this);
        }
    }
}
