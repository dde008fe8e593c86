package io.shardkit.it.persistence.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A line of a {@link CustomerOrder}: no key of its own, it lives with its order. */
@Entity
@Table(name = "order_line")
public class OrderLine {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "order_line_ids")
    @SequenceGenerator(name = "order_line_ids", sequenceName = "order_line_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "order_id")
    private CustomerOrder order;

    private int lineNo;

    private String sku;

    protected OrderLine() {
    }

    OrderLine(CustomerOrder order, int lineNo, String sku) {
        this.order = order;
        this.lineNo = lineNo;
        this.sku = sku;
    }

    public String getSku() {
        return sku;
    }
}
