package io.shardkit.examples.order;

/**
 * One line of an order: a quantity of one article at a unit price in minor units (cents).
 *
 * <p>Immutable and thread-safe.
 *
 * @param sku            the article, 1 to 64 characters
 * @param quantity       how many, 1 to {@value PlaceOrderRequest#MAX_QUANTITY}
 * @param unitPriceCents the price of one, in cents, {@code >= 0}
 */
public record OrderLine(String sku, int quantity, long unitPriceCents) {

    /** The line's total in cents; the caller has checked that it cannot overflow. */
    public long totalCents() {
        return quantity * unitPriceCents;
    }
}
