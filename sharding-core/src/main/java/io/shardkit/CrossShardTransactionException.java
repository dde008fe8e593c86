package io.shardkit;

import org.jspecify.annotations.Nullable;

/**
 * A unit of work already bound to one shard (an open transaction, or an outer routed call) tried to use another
 * shard: a call routed to a second shard ({@link #secondShard}), or a fan-out over several shards
 * ({@link #fanOut}) made from inside it. Raised before any statement of the offending call runs, so the outer
 * transaction rolls back when the exception leaves it. {@link #getShard()} is the shard requested (none for a
 * fan-out), {@link #getBoundShard()} the one the unit of work holds, {@link #getOpenedBy()} the method that
 * opened the transaction, when known. A JDBC call on a connection of one shard while another shard is bound is
 * {@link #connectionOfAnotherShard}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class CrossShardTransactionException extends ShardingException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String boundShard;
    private final @Nullable String openedBy;

    private CrossShardTransactionException(String message, @Nullable String rule, @Nullable Object key,
                                           @Nullable String requestedShard, @Nullable String boundShard,
                                           @Nullable String openedBy) {
        super(message, rule, key, requestedShard, null);
        this.boundShard = boundShard;
        this.openedBy = openedBy;
    }

    /**
     * {@code Rule 'orders': OrderRepository.insert(Order) routes key [java.lang.Long 7] to shard 'shard-2' but
     * the open transaction (opened by OrderService.placeBoth) is bound to shard 'shard-1'; one unit of work may
     * use one shard only}.
     *
     * @param where          the method (or call) being routed, e.g. {@code OrderRepository.insert(Order)}
     * @param boundShard     the shard the unit of work holds, or {@code null} when the transaction holds a
     *                       connection of a shard no longer bound (its shard is unknown)
     * @param openedBy       the method that opened the transaction, or {@code null} when not known
     * @param inTransaction  whether the unit of work is an open transaction (else an outer routed call)
     */
    public static CrossShardTransactionException secondShard(String rule, @Nullable Object key, String where,
                                                             String requestedShard, @Nullable String boundShard,
                                                             @Nullable String openedBy, boolean inTransaction) {
        return new CrossShardTransactionException("Rule '" + rule + "': " + where + " routes key "
                + describeKey(key) + " to shard '" + requestedShard + "' but " + unitOfWork(inTransaction, openedBy)
                + (boundShard == null ? " already holds a connection of another shard" : " is bound to shard '"
                + boundShard + "'") + "; one unit of work may use one shard only", rule, key, requestedShard,
                boundShard, openedBy);
    }

    /**
     * A JDBC call on a connection of one shard while another shard is bound, e.g. {@code Shard 'shard-1' is
     * bound but prepareStatement was called on a connection of shard 'shard-0' held by the open transaction
     * (opened by OrderService.placeTwo); refused before it ran: one unit of work may use one shard only. Bind
     * shard 'shard-1' outside that transaction}. {@link #getShard()} is the bound shard, {@link #getBoundShard()}
     * the connection's.
     *
     * @param operation     the JDBC method refused, e.g. {@code executeUpdate}
     * @param inTransaction whether the connection is in an open transaction (auto-commit off)
     * @param openedBy      the method that opened the transaction, or {@code null} when not known
     */
    public static CrossShardTransactionException connectionOfAnotherShard(String connectionShard, String boundShard,
                                                                          String operation, boolean inTransaction,
                                                                          @Nullable String openedBy) {
        String holder = !inTransaction ? "taken while that shard was bound"
                : openedBy == null ? "held by the open transaction"
                : "held by the open transaction (opened by " + openedBy + ")";
        return new CrossShardTransactionException("Shard '" + boundShard + "' is bound but " + operation
                + " was called on a connection of shard '" + connectionShard + "' " + holder + "; refused before "
                + "it ran: one unit of work may use one shard only. Bind shard '" + boundShard + "' outside "
                + (inTransaction ? "that transaction" : "the scope that took the connection"), null, null,
                boundShard, connectionShard, openedBy);
    }

    /**
     * {@code Rule 'orders': OrderReports.countAll() fans out over several shards but was called inside an open
     * transaction bound to shard 'shard-0' (opened by ...); each shard's part runs on its own thread and
     * transaction and cannot join the caller's. Call it outside the transaction and outside @Sharded methods}.
     *
     * @param where      the fan-out method, e.g. {@code OrderReports.countAll()}
     * @param boundShard the shard bound to the caller, or {@code null} when none is
     */
    public static CrossShardTransactionException fanOut(String rule, String where, @Nullable String boundShard,
                                                        @Nullable String openedBy, boolean inTransaction) {
        return new CrossShardTransactionException("Rule '" + rule + "': " + where + " fans out over several "
                + "shards but was called inside " + (inTransaction ? "an open transaction" : "a routed call")
                + (boundShard == null ? "" : " bound to shard '" + boundShard + "'")
                + (openedBy == null ? "" : " (opened by " + openedBy + ")") + "; each shard's part runs on its own "
                + "thread and transaction and cannot join the caller's. Call it outside the transaction and "
                + "outside @Sharded methods", rule, null, null, boundShard, openedBy);
    }

    private static String unitOfWork(boolean inTransaction, @Nullable String openedBy) {
        if (!inTransaction) {
            return "the enclosing routed call";
        }
        return openedBy == null ? "the open transaction" : "the open transaction (opened by " + openedBy + ")";
    }

    /** The shard the enclosing unit of work is bound to; {@code null} when none is, or it is not known. */
    public @Nullable String getBoundShard() {
        return boundShard;
    }

    /** The method that opened the transaction (e.g. {@code OrderService.placeBoth}), or {@code null}. */
    public @Nullable String getOpenedBy() {
        return openedBy;
    }
}
