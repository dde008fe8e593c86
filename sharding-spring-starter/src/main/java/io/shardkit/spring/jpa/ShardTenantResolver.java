package io.shardkit.spring.jpa;

import io.shardkit.NoShardBoundException;
import io.shardkit.Shard;
import io.shardkit.ShardContext;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * Hibernate's current tenant is the shard bound to the thread (its name): a session opened inside a
 * {@code @Sharded} call belongs to that shard for its whole life. With no shard bound there is no tenant and
 * opening a session is {@link NoShardBoundException}, as taking a connection is.
 *
 * <p>Stateless and thread-safe.
 */
public final class ShardTenantResolver implements CurrentTenantIdentifierResolver<String> {

    /** What sessions opened with no shard bound are refused with: the name of the routing DataSource's caller. */
    static final String REFUSER = "Hibernate session (tenant = shard)";

    @Override
    public String resolveCurrentTenantIdentifier() {
        Shard shard = ShardContext.current();
        if (shard == null) {
            throw new NoShardBoundException(REFUSER);
        }
        return shard.name();
    }

    /** A current session of another shard than the bound one is an error, as a second shard in a transaction is. */
    @Override
    public boolean validateExistingCurrentSessions() {
        return true;
    }
}
