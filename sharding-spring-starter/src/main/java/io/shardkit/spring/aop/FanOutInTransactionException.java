package io.shardkit.spring.aop;

import io.shardkit.ShardingException;
import org.jspecify.annotations.Nullable;

/**
 * A {@code @ScatterGather} or {@code @Broadcast} method was called inside an open transaction or inside a routed
 * ({@code @Sharded}) call. A fan-out runs each shard's part on a worker thread in a transaction of its own; it
 * cannot join the caller's transaction nor stay on the caller's shard, so instead of silently running outside
 * them it is refused before any shard is touched. {@link #getShard()} names the shard the caller is bound to,
 * when one is.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class FanOutInTransactionException extends ShardingException {

    private static final long serialVersionUID = 1L;

    /**
     * @param rule          the rule the method fans out over
     * @param where         the method, e.g. {@code OrderRepository.countAll()}
     * @param boundShard    the shard bound to the caller, or {@code null} when none is
     * @param inTransaction whether a transaction is open on the caller's thread
     */
    public FanOutInTransactionException(String rule, String where, @Nullable String boundShard,
                                        boolean inTransaction) {
        super(message(rule, where, boundShard, inTransaction), rule, null, boundShard, null);
    }

    private static String message(String rule, String where, @Nullable String boundShard, boolean inTransaction) {
        String context = inTransaction ? "an open transaction" : "a routed call";
        if (boundShard != null) {
            context += " bound to shard '" + boundShard + "'";
        }
        return "Rule '" + rule + "': " + where + " fans out over several shards but was called inside " + context
                + "; each shard's part runs on its own thread and transaction and cannot join the caller's. "
                + "Call it outside the transaction and outside @Sharded methods";
    }
}
