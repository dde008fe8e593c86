package io.shardkit.spring.jpa;

import io.shardkit.NoShardBoundException;
import io.shardkit.Shard;
import io.shardkit.ShardContext;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * Hibernate's current tenant is the shard bound to the thread (its name): a session opened inside a
 * {@code @Sharded} call belongs to that shard for its whole life.
 *
 * <p>A session opened with no shard bound gets the tenant {@link #UNBOUND}: it can do what needs no database
 * (Spring Data JPA checks its queries that way at start-up), but its first connection, and so its first statement
 * or transaction, is {@link NoShardBoundException}, and it writes nothing. Such a session never gets a shard
 * later: open it inside the routed call (which is why web apps on shards should set
 * {@code spring.jpa.open-in-view=false}).
 *
 * <p>Stateless and thread-safe.
 */
public final class ShardTenantResolver implements CurrentTenantIdentifierResolver<String> {

    /** The tenant of sessions opened with no shard bound; no shard has this name (it is not a valid one). */
    public static final String UNBOUND = "<no shard bound>";

    @Override
    public String resolveCurrentTenantIdentifier() {
        Shard shard = ShardContext.current();
        return shard == null ? UNBOUND : shard.name();
    }

    /** What a session of the {@link #UNBOUND} tenant gets when it needs the database. */
    static NoShardBoundException refused() {
        return new NoShardBoundException("Hibernate session (tenant = shard)");
    }

    /** A current session of another shard than the bound one is an error, as a second shard in a transaction is. */
    @Override
    public boolean validateExistingCurrentSessions() {
        return true;
    }
}
