package io.shardkit.examples.order;

import io.shardkit.Shard;
import io.shardkit.ShardingRule;
import io.shardkit.scatter.ScatterGatherExecutor;
import io.shardkit.scatter.paging.InvalidPageTokenException;
import io.shardkit.scatter.paging.KeysetPager;
import io.shardkit.scatter.paging.Page;
import io.shardkit.scatter.paging.SortKeyCodec;
import io.shardkit.scatter.paging.SortKeyCodecs;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The paged listings, both on shardkit's {@link KeysetPager}: signed, stateless page tokens holding each shard's
 * position, so page 1,000 costs what page 1 costs and a forged, altered or foreign token fails with
 * {@link InvalidPageTokenException} (a 400 at the HTTP edge).
 * <ul>
 *   <li>Orders in a time window come from every shard in parallel, newest first by (created_at, id); the pages
 *       equal what one database holding every order would return.</li>
 *   <li>A customer's orders, newest first by id, live on the customer's one shard: only that shard runs SQL; the
 *       others answer an empty page without a query, so the first token already marks them exhausted and later
 *       pages touch the customer's shard alone.</li>
 * </ul>
 *
 * <p>Thread-safe (immutable apart from thread-safe collaborators).
 */
public class OrderQueries {

    /**
     * A position in the time-window listing: the last row's creation time and its id, the tie-breaker that
     * makes the key unique within a shard.
     *
     * @param createdAt the row's creation time
     * @param id        the row's id
     */
    public record Position(Instant createdAt, long id) {

        /** Newest first: the order every shard sorts by, and the merge too. */
        public static final Comparator<Position> NEWEST_FIRST = Comparator.comparing(Position::createdAt)
                .thenComparingLong(Position::id).reversed();

        static final SortKeyCodec<Position> CODEC = SortKeyCodecs.composite(Position::createdAt,
                SortKeyCodecs.instants(), Position::id, SortKeyCodecs.longs(), Position::new);

        static Position of(OrderSummary order) {
            return new Position(order.createdAt(), order.id());
        }
    }

    private final OrderRepository repository;
    private final ScatterGatherExecutor scatter;
    private final ShardingRule ordersRule;
    private final KeysetPager<Position, OrderSummary> byTime;
    private final KeysetPager<Long, OrderSummary> byId;

    /**
     * @param repository  the SQL, run with each shard bound
     * @param scatter     runs the shards' calls
     * @param ordersRule  the rule placing orders by customer
     * @param tokenSecret signs page tokens, at least {@value KeysetPager#MIN_SECRET_BYTES} bytes; every instance
     *                    serving the same clients needs the same one
     */
    public OrderQueries(OrderRepository repository, ScatterGatherExecutor scatter, ShardingRule ordersRule,
                        String tokenSecret) {
        this.repository = repository;
        this.scatter = scatter;
        this.ordersRule = ordersRule;
        this.byTime = KeysetPager.<Position, OrderSummary>builder().secret(tokenSecret)
                .order(Position.NEWEST_FIRST).sortKey(Position::of).codec(Position.CODEC).build();
        this.byId = KeysetPager.<Long, OrderSummary>builder().secret(tokenSecret)
                .order(Comparator.<Long>reverseOrder()).sortKey(OrderSummary::id).codec(SortKeyCodecs.longs())
                .build();
    }

    /** One page of the customer's orders, newest first. */
    public OrderPage customerOrders(long customerId, int limit, @Nullable String pageToken) {
        Shard home = ordersRule.shardOf(customerId);
        return page(byId.page(scatter, ordersRule, "customer:" + customerId, pageToken, limit,
                (shard, beforeId, max) -> shard.equals(home)
                        ? repository.findByCustomer(customerId, beforeId, max, shard.name())
                        : List.of()));
    }

    /** One page of every order created in {@code [from, to)}, newest first, from every shard. */
    public OrderPage ordersBetween(Instant from, Instant to, int limit, @Nullable String pageToken) {
        return page(byTime.page(scatter, ordersRule, "window:" + from + "/" + to, pageToken, limit,
                (shard, after, max) -> repository.findCreatedBetween(from, to,
                        after == null ? null : after.createdAt(), after == null ? 0 : after.id(), max,
                        shard.name())));
    }

    /** The newest orders of these customers, newest first ({@link OrderRepository#latestOfCustomers}). */
    public List<OrderSummary> latestOfCustomers(Collection<Long> customerIds) {
        return repository.latestOfCustomers(customerIds);
    }

    private static OrderPage page(Page<OrderSummary> page) {
        return new OrderPage(page.items(), page.nextToken());
    }
}
