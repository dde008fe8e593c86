package io.shardkit.it.persistence.jdbc;

import io.shardkit.annotation.ShardKey;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A Spring Data JDBC aggregate that carries its shard key: shardkit refuses to write it on another shard.
 *
 * @param id          assigned by the application
 * @param version     {@code null} for a new order (Spring Data JDBC inserts it), then the row's version
 * @param customerId  the shard key, by rule {@code orders}
 * @param amountCents the amount
 */
@Table
public record PurchaseOrder(@Id long id, @Version Long version, @ShardKey(rule = "orders") long customerId,
                            long amountCents) {

    public static PurchaseOrder of(long id, long customerId, long amountCents) {
        return new PurchaseOrder(id, null, customerId, amountCents);
    }

    public PurchaseOrder withAmountCents(long amount) {
        return new PurchaseOrder(id, version, customerId, amount);
    }
}
