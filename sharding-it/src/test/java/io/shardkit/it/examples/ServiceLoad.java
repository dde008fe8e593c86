package io.shardkit.it.examples;

import io.shardkit.examples.order.Order;
import io.shardkit.examples.order.OrderPlacement;
import io.shardkit.examples.order.PlaceOrderRequest;
import io.shardkit.examples.order.PlaceOrderRequest.Item;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded, concurrent load of order placements through the example service's {@link OrderPlacement} (the path
 * {@code POST /orders} takes): {@code clients} threads, each placing up to {@code ordersPerClient} orders of random
 * customers, merchants and lines, until done or the time cap has passed. Every acknowledged order (the service
 * returned it) is remembered with the shard the service said holds it, every failure with its error.
 *
 * <p>Thread-safe: the recorders are concurrent; {@link #run} returns once every client has stopped.
 */
final class ServiceLoad {

    /** What the service acknowledged for one order. */
    record Placed(long id, long customerId, String shard, int lines) {
    }

    /** One placement that threw. */
    record Failure(long customerId, Throwable error) {
    }

    private static final int CUSTOMERS = 1_000_000;
    private static final int MAX_LINES = 4;

    private final Map<Long, Placed> placed = new ConcurrentHashMap<>();
    private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final AtomicLong duplicateAcks = new AtomicLong();
    private final int merchants;
    private volatile boolean capped;

    private ServiceLoad(int merchants) {
        this.merchants = merchants;
    }

    /** Runs the load and returns it once every client has stopped (done, or capped in time). */
    static ServiceLoad run(OrderPlacement placement, int clients, int ordersPerClient, int merchants, Duration cap)
            throws InterruptedException {
        ServiceLoad load = new ServiceLoad(merchants);
        long deadline = System.nanoTime() + cap.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> load.drive(placement, ordersPerClient, deadline), "client-" + c);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            // A call in flight at the deadline finishes; the pool's connection timeout bounds its wait.
            thread.join(cap.plusSeconds(60).toMillis());
        }
        return load;
    }

    private void drive(OrderPlacement placement, int orders, long deadline) {
        for (int i = 0; i < orders; i++) {
            if (System.nanoTime() >= deadline) {
                capped = true;
                return;
            }
            PlaceOrderRequest request = randomRequest();
            try {
                Order order = placement.place(request);
                Placed ack = new Placed(order.id(), order.customerId(), order.shard(), order.lines().size());
                if (placed.putIfAbsent(order.id(), ack) != null) {
                    duplicateAcks.incrementAndGet();
                }
            } catch (RuntimeException ex) {
                failures.add(new Failure(request.customerId(), ex));
            }
        }
    }

    private PlaceOrderRequest randomRequest() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Item> items = new ArrayList<>();
        for (int line = random.nextInt(1, MAX_LINES + 1); line > 0; line--) {
            // Unit prices up to 500.00 spread the totals over all three price bands.
            items.add(new Item("sku-" + random.nextInt(1_000), random.nextInt(1, 4),
                    random.nextLong(100, 50_000)));
        }
        return new PlaceOrderRequest(random.nextLong(1, CUSTOMERS + 1), random.nextLong(1, merchants + 1), items);
    }

    /** The acknowledged orders by id. */
    Map<Long, Placed> placed() {
        return Map.copyOf(placed);
    }

    /** Placements that threw. */
    List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** Ids the service handed out more than once. */
    long duplicateAcks() {
        return duplicateAcks.get();
    }

    /** Whether the time cap stopped the clients before they placed every order. */
    boolean capped() {
        return capped;
    }
}
