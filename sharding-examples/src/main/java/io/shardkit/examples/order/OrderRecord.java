package io.shardkit.examples.order;

import io.shardkit.annotation.ShardKey;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An order as stored: the Spring Data JDBC aggregate of a row of {@code orders} and its {@code order_items}. It
 * carries its shard key, so shardkit refuses to write it on any shard but its customer's.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id         the order id, minted for the customer's shard
 * @param customerId the shard key ({@code orders} rule)
 * @param merchantId the merchant
 * @param totalCents the sum of the lines
 * @param itemCount  how many lines
 * @param createdAt  when it was placed
 * @param items      the lines, keyed by their position ({@code line_no})
 */
@Table("orders")
record OrderRecord(@Id long id, @ShardKey(rule = OrderService.ORDERS_RULE) long customerId, long merchantId,
                   long totalCents, int itemCount, Instant createdAt,
                   @MappedCollection(idColumn = "order_id", keyColumn = "line_no") List<Item> items) {

    /** One row of {@code order_items}. */
    @Table("order_items")
    record Item(String sku, int quantity, long unitPriceCents) {
    }

    Order toOrder(String shard) {
        return new Order(id, customerId, merchantId, totalCents, createdAt, shard,
                items.stream().map(i -> new OrderLine(i.sku(), i.quantity(), i.unitPriceCents())).toList());
    }
}
