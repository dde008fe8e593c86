package io.shardkit.examples.order;

import io.shardkit.ShardingRule;
import io.shardkit.scatter.Merges;
import io.shardkit.scatter.ScatterGatherExecutor;
import io.shardkit.scatter.ShardRequest;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The paged listings. A customer's orders come from the customer's one shard. Orders in a time window come from
 * every shard in parallel: each shard returns its newest {@code limit} rows after the page token's position,
 * and a top-N merge keeps the overall newest {@code limit}; the result equals what one database holding every
 * order would return for the same query.
 *
 * <p>Thread-safe (stateless apart from thread-safe collaborators).
 */
public class OrderQueries {

    /** Newest first: the order every shard sorts by, and the merge too. */
    public static final Comparator<OrderSummary> NEWEST_FIRST = Comparator
            .comparing(OrderSummary::createdAt, Comparator.reverseOrder())
            .thenComparing(OrderSummary::id, Comparator.reverseOrder());

    private final OrderService orders;
    private final OrderRepository repository;
    private final ScatterGatherExecutor scatter;
    private final ShardingRule ordersRule;
    private final PageTokens tokens;

    public OrderQueries(OrderService orders, OrderRepository repository, ScatterGatherExecutor scatter,
                        ShardingRule ordersRule, PageTokens tokens) {
        this.orders = orders;
        this.repository = repository;
        this.scatter = scatter;
        this.ordersRule = ordersRule;
        this.tokens = tokens;
    }

    /** One page of the customer's orders, newest first. */
    public OrderPage customerOrders(long customerId, int limit, @Nullable String pageToken) {
        String query = "customer:" + customerId;
        Long beforeId = pageToken == null ? null : tokens.decode(query, pageToken).id();
        // One more than asked tells whether a next page exists without a second query.
        List<OrderSummary> rows = orders.customerOrders(customerId, beforeId, limit + 1);
        return page(query, rows, limit);
    }

    /** One page of every order created in {@code [from, to)}, newest first, from every shard. */
    public OrderPage ordersBetween(Instant from, Instant to, int limit, @Nullable String pageToken) {
        String query = "window:" + from + "/" + to;
        PageTokens.Position after = pageToken == null ? null : tokens.decode(query, pageToken);
        int fetch = limit + 1;
        List<OrderSummary> rows = scatter.onEveryShard(ordersRule, (ShardRequest<Object> request) ->
                        repository.findCreatedBetween(from, to, after == null ? null : after.createdAt(),
                                after == null ? 0 : after.id(), request.limit(), request.shard().name()),
                Merges.topN(NEWEST_FIRST, fetch)).requireComplete();
        return page(query, rows, limit);
    }

    private OrderPage page(String query, List<OrderSummary> rows, int limit) {
        if (rows.size() <= limit) {
            return new OrderPage(rows, null);
        }
        List<OrderSummary> page = rows.subList(0, limit);
        OrderSummary last = page.get(limit - 1);
        return new OrderPage(page, tokens.encode(query, new PageTokens.Position(last.createdAt(), last.id())));
    }
}
