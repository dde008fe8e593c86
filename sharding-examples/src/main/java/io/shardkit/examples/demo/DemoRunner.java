package io.shardkit.examples.demo;

import io.shardkit.ShardRegistry;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.spring.reshard.Resharders;
import io.shardkit.examples.merchant.MerchantService;
import io.shardkit.examples.order.Order;
import io.shardkit.examples.order.OrderPage;
import io.shardkit.examples.order.OrderPlacement;
import io.shardkit.examples.order.OrderQueries;
import io.shardkit.examples.order.OrderService;
import io.shardkit.examples.order.OrderSummary;
import io.shardkit.examples.stats.StatsService;
import io.shardkit.outbox.InMemoryOutboxPublisher;
import io.shardkit.outbox.OutboxRelay;
import io.shardkit.id.ShardIdGenerator;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives the running service the way its clients would: {@code threads} concurrent clients place
 * {@code orders} orders through {@link OrderPlacement} (the same path as {@code POST /orders}), half-way one
 * merchant is moved to another shard, then the outbox is drained and the cross-shard, by-id and per-customer
 * queries are asked once each. The clients are in-process, so the figures measure the sharded service, not
 * HTTP.
 *
 * <p>Thread-safe; each {@link #run} uses threads of its own, shut down before it returns.
 */
public final class DemoRunner {

    private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);
    private static final int NEWEST_SHOWN = 5;

    private final OrderPlacement placement;
    private final OrderService orders;
    private final OrderQueries queries;
    private final StatsService stats;
    private final MerchantService merchants;
    private final InMemoryOutboxPublisher eventLog;
    private final OutboxRelay relay;
    private final ShardRegistry registry;
    private final ShardingRules rules;
    private final DirectPlacement direct;
    private final @Nullable Resharders resharders;

    /**
     * @param ids         the id generator the service mints order ids with (the plain-JDBC path of
     *                    {@code --compare} mints its ids with it too)
     * @param outboxTable the outbox table the service's writer appends to
     * @param resharders  the movers of the bucketed rules, for {@code --reshard-to}; {@code null} when the
     *                    application has none
     */
    public DemoRunner(OrderPlacement placement, OrderService orders, OrderQueries queries, StatsService stats,
                      MerchantService merchants, InMemoryOutboxPublisher eventLog, OutboxRelay relay,
                      ShardRegistry registry, ShardingRules rules, ShardIdGenerator ids, JsonMapper json, Clock clock,
                      String outboxTable, @Nullable Resharders resharders) {
        this.placement = placement;
        this.orders = orders;
        this.queries = queries;
        this.stats = stats;
        this.merchants = merchants;
        this.eventLog = eventLog;
        this.relay = relay;
        this.registry = registry;
        this.rules = rules;
        this.direct = new DirectPlacement(rules.rule(OrderService.ORDERS_RULE), ids, json, clock, outboxTable);
        this.resharders = resharders;
    }

    /** Runs the demo, printing progress and the report to {@code out}, and returns the report. */
    public DemoReport run(DemoOptions options, PrintStream out) throws InterruptedException {
        requireReshardable(options);
        printHeader(options, out);
        Instant from = Instant.now().minusSeconds(1);
        Comparison earlier = options.compare() ? compare(options, out) : null;
        long before = stats.orderCount();
        long published = eventLog.publishedCount();
        Clients clients = clients(options, placement::place, true);
        Comparison.Round main = clients.timed(options.progress() ? out : null);
        long loadEnd = System.nanoTime();
        Expansion expansion = clients.expansion();
        // Before the queries and the stats: until the cleanup a moved bucket's rows are on both shards.
        ReshardSummary reshard = expansion == null ? null : expansion.finish(loadEnd);
        long drainStart = System.nanoTime();
        drain(published + main.placed());
        long drain = System.nanoTime() - drainStart;

        long t0 = System.nanoTime();
        OrderPage newest = queries.ordersBetween(from, Instant.now().plusSeconds(1), NEWEST_SHOWN, null);
        long newestNanos = System.nanoTime() - t0;
        OrderSummary byId = null;
        long byIdNanos = 0;
        int customerOrders = 0;
        Order last = clients.lastPlaced();
        if (last != null) {
            long t1 = System.nanoTime();
            Order found = orders.find(last.id());
            byIdNanos = System.nanoTime() - t1;
            byId = new OrderSummary(found.id(), found.customerId(), found.merchantId(), found.totalCents(),
                    found.lines().size(), found.createdAt(), found.shard());
            customerOrders = orders.customerOrders(found.customerId(), null, Integer.MAX_VALUE - 1).size();
        }
        Comparison comparison = earlier == null ? null : earlier.plusService(main);
        // A failure in a comparison round fails the run as one in the main round does.
        long failed = main.failed() + (comparison == null ? 0 : comparison.failed());
        DemoReport report = new DemoReport(before, main.placed(), failed, main.wallNanos(), main.latency(),
                clients.move(), clients.movedAt(), stats.stats(), drain, eventLog.publishedCount(),
                newest.orders(), newestNanos, byId, byIdNanos, customerOrders, reshard);
        report.print(out);
        if (comparison != null) {
            comparison.print(out);
        }
        return report;
    }

    /**
     * The measured rounds of {@code --compare}, after one unreported warm-up round of each path (the JIT compiles
     * both before anything counts): the same orders (the clients' seeds are fixed) through plain JDBC and through
     * the service, alternating, each round starting with the outbox drained so that neither path pays for the
     * other's events. The service's last round is the demo's main run, which follows.
     */
    private Comparison compare(DemoOptions options, PrintStream out) {
        out.printf(Locale.ROOT, "compare     warm-up, then %d round(s) of %,d orders through each path ...%n",
                options.rounds(), options.orders());
        round(options, direct::place);
        round(options, placement::place);
        List<Comparison.Round> service = new ArrayList<>();
        List<Comparison.Round> plain = new ArrayList<>();
        for (int r = 0; r < options.rounds(); r++) {
            plain.add(round(options, direct::place));
            if (r < options.rounds() - 1) {
                service.add(round(options, placement::place));
            }
        }
        return new Comparison(service, plain);
    }

    /**
     * {@code --reshard-to} needs the bucketed orders rule over that many shards, and its mover: what the embedded
     * deployment sets up; a profile listing its own shards does not.
     */
    private void requireReshardable(DemoOptions options) {
        if (options.reshardTo() == 0) {
            return;
        }
        ShardingRule rule = rules.rule(OrderService.ORDERS_RULE);
        if (resharders == null || !resharders.rules().contains(rule.name()) || rule.shards().size()
                != options.reshardTo()) {
            throw new IllegalArgumentException("--reshard-to=" + options.reshardTo() + " runs on the embedded H2"
                    + " shards, which it sets up with a bucketed '" + rule.name() + "' rule; here the rule is "
                    + rule.strategy().describe() + " over " + rule.shards().size() + " shards (a profile listing"
                    + " its own shards?)");
        }
    }

    private void printHeader(DemoOptions options, PrintStream out) {
        out.printf(Locale.ROOT, "shardkit order demo: %,d orders from %d concurrent clients, %,d customers, "
                        + "%,d merchants, on %d shards%n", options.orders(), options.threads(), options.customers(),
                options.merchants(), registry.size());
        for (ShardingRule rule : rules.all()) {
            out.printf(Locale.ROOT, "  rule %-12s %s%n", rule.name(), rule.strategy().describe());
        }
    }

    /** One round of {@code options.orders()} orders through {@code placer}, then the outbox drained. */
    private Comparison.Round round(DemoOptions options, Placer placer) {
        long published = eventLog.publishedCount();
        Comparison.Round round = clients(options, placer, false).timed(null);
        drain(published + round.placed());
        return round;
    }

    /** The clients of one run; {@code moveHalfway} moves a merchant (and starts the expansion) half-way through. */
    private Clients clients(DemoOptions options, Placer placer, boolean moveHalfway) {
        return new Clients(options, placer, moveHalfway, merchants, registry, rules, resharders);
    }

    /** Lets the relay publish everything placed; gives up (leaving the rest pending) after a bound. */
    private void drain(long expected) {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT_NANOS;
        while (eventLog.publishedCount() < expected && System.nanoTime() < deadline) {
            // Synchronous polls beside the background relay: polls of one shard never overlap within a relay.
            if (relay.drainOnce() == 0) {
                Thread.onSpinWait();
            }
        }
    }
}
