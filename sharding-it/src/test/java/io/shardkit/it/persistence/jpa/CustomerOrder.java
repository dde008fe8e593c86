package io.shardkit.it.persistence.jpa;

import io.shardkit.annotation.ShardKey;
import jakarta.persistence.Cacheable;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** A JPA entity that carries its shard key, with lazily loaded lines and ids from each shard's own sequence. */
@Entity
@Table(name = "customer_order")
@Cacheable
public class CustomerOrder {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "customer_order_ids")
    @SequenceGenerator(name = "customer_order_ids", sequenceName = "customer_order_seq", allocationSize = 50)
    private Long id;

    @ShardKey(rule = "orders")
    private long customerId;

    private long amountCents;

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, fetch = FetchType.LAZY)
    @OrderBy("lineNo")
    private List<OrderLine> lines = new ArrayList<>();

    protected CustomerOrder() {
    }

    public CustomerOrder(long customerId, long amountCents, String... skus) {
        this.customerId = customerId;
        this.amountCents = amountCents;
        for (String sku : skus) {
            lines.add(new OrderLine(this, lines.size(), sku));
        }
    }

    public Long getId() {
        return id;
    }

    public long getCustomerId() {
        return customerId;
    }

    public void setCustomerId(long customerId) {
        this.customerId = customerId;
    }

    public long getAmountCents() {
        return amountCents;
    }

    public void setAmountCents(long amountCents) {
        this.amountCents = amountCents;
    }

    public List<OrderLine> getLines() {
        return lines;
    }
}
