package io.shardkit.examples.web;

import io.shardkit.InvalidShardKeyException;
import io.shardkit.examples.order.Order;
import io.shardkit.examples.order.OrderNotFoundException;
import io.shardkit.examples.order.OrderPage;
import io.shardkit.examples.order.OrderPlacement;
import io.shardkit.examples.order.OrderQueries;
import io.shardkit.examples.order.OrderService;
import io.shardkit.examples.order.OrderSummary;
import io.shardkit.examples.order.PlaceOrderRequest;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The order endpoints: place one, read one by id, list a customer's orders, list all orders placed in a time
 * window across every shard.
 *
 * <p>Thread-safe (stateless).
 */
@RestController
public class OrderController {

    /** Most orders one page may hold. */
    public static final int MAX_PAGE_SIZE = 100;
    private static final String DEFAULT_PAGE_SIZE = "20";

    private final OrderPlacement placement;
    private final OrderService orders;
    private final OrderQueries queries;

    public OrderController(OrderPlacement placement, OrderService orders, OrderQueries queries) {
        this.placement = placement;
        this.orders = orders;
        this.queries = queries;
    }

    /** Places an order; 201 with the order and its {@code Location}. */
    @PostMapping("/orders")
    public ResponseEntity<Order> place(@RequestBody PlaceOrderRequest request) {
        Order placed = placement.place(request);
        return ResponseEntity.created(URI.create("/orders/" + placed.id())).body(placed);
    }

    /** The order with that id, read from the shard the id names. */
    @GetMapping("/orders/{id}")
    public Order get(@PathVariable long id) {
        try {
            return orders.find(id);
        } catch (InvalidShardKeyException e) {
            // An id shardkit never issued (negative, or naming a shard this deployment does not have).
            throw new OrderNotFoundException(id, e.getMessage());
        }
    }

    /** The customer's orders, newest first, one page at a time. */
    @GetMapping("/customers/{customerId}/orders")
    public OrderPage customerOrders(@PathVariable long customerId,
                                    @RequestParam(defaultValue = DEFAULT_PAGE_SIZE) int limit,
                                    @RequestParam(required = false) @Nullable String pageToken) {
        if (customerId <= 0) {
            throw new BadRequestException("customerId must be a positive number but was " + customerId);
        }
        return queries.customerOrders(customerId, pageSize(limit), pageToken);
    }

    /** Every order placed in {@code [from, to)}, over all shards, newest first, one page at a time. */
    @GetMapping("/orders")
    public OrderPage ordersBetween(@RequestParam String from, @RequestParam String to,
                                   @RequestParam(defaultValue = DEFAULT_PAGE_SIZE) int limit,
                                   @RequestParam(required = false) @Nullable String pageToken) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (!start.isBefore(end)) {
            throw new BadRequestException("from must be before to but was from=" + from + ", to=" + to);
        }
        return queries.ordersBetween(start, end, pageSize(limit), pageToken);
    }

    /**
     * The newest orders of several customers at once (a household or a company account), newest first, from
     * the shards owning them only.
     */
    @GetMapping("/orders/latest")
    public List<OrderSummary> latestOfCustomers(@RequestParam List<Long> customerIds) {
        Set<Long> distinct = new LinkedHashSet<>(customerIds);
        if (distinct.isEmpty() || distinct.size() > MAX_PAGE_SIZE) {
            throw new BadRequestException("customerIds must name 1 to " + MAX_PAGE_SIZE + " customers but named "
                    + distinct.size());
        }
        for (long id : distinct) {
            if (id <= 0) {
                throw new BadRequestException("customerIds must be positive numbers but held " + id);
            }
        }
        return queries.latestOfCustomers(distinct);
    }

    private static int pageSize(int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new BadRequestException("limit must be 1 to " + MAX_PAGE_SIZE + " but was " + limit);
        }
        return limit;
    }

    private static Instant instant(String name, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z but was ["
                    + text + "]", e);
        }
    }
}
