package io.shardkit.spring.jdbc;

import io.shardkit.entity.ShardGuard;
import org.springframework.core.Ordered;
import org.springframework.data.relational.core.mapping.event.BeforeConvertCallback;

/**
 * Spring Data JDBC's last word before an aggregate is inserted or updated ({@code save}, {@code saveAll},
 * {@code insert}, {@code update}): when the aggregate root declares a shard key, it must route to the shard bound to
 * the thread, else the write is refused with {@code WrongShardWriteException} before any SQL runs. Aggregate roots
 * without a key are not checked. Deletes are not checked: a delete of a row that is not on the bound shard deletes
 * nothing.
 *
 * <p>Stateless apart from the thread-safe guard; thread-safe.
 */
public final class ShardKeyCheckingCallback implements BeforeConvertCallback<Object>, Ordered {

    private final ShardGuard guard;

    public ShardKeyCheckingCallback(ShardGuard guard) {
        this.guard = guard;
    }

    @Override
    public Object onBeforeConvert(Object aggregate) {
        if (guard.keyOf(aggregate.getClass()).isPresent()) {
            guard.checkEntity(aggregate);
        }
        return aggregate;
    }

    /** First among the callbacks: nothing else should run for a write that is refused. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
