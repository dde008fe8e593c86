package io.shardkit.spring.aop;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.scatter.ScatterResult;
import java.util.List;
import java.util.Objects;

/**
 * What a {@code @ScatterGather} or {@code @Broadcast} method declared to return {@code ScatterResult<T>} returns
 * from its body: its own shard's part. The advice unwraps each shard's part, merges them by {@code T} and hands
 * the caller one {@code ScatterResult<T>} listing the shards that succeeded and those that failed.
 *
 * <pre>{@code
 * @ScatterGather(rule = "orders")
 * @Transactional(readOnly = true)
 * public ScatterResult<List<Order>> recentOrders() {
 *     return ScatterParts.of(jdbc.query("select ... order by id", MAPPER));   // this shard's rows
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class ScatterParts {

    private ScatterParts() {
    }

    /** This shard's part: {@code value}, tagged with the shard bound to the calling thread (if any). */
    public static <T> ScatterResult<T> of(T value) {
        Objects.requireNonNull(value, "value");
        Shard shard = ShardContext.current();
        // The rule is not known here and not needed: the advice reads the value only.
        return new ScatterResult<>("", value, shard == null ? List.of() : List.of(shard), List.of());
    }
}
