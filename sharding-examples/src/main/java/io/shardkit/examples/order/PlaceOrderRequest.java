package io.shardkit.examples.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /orders} as the client sent it: every field may be missing or out of bounds until
 * {@link #validate()} has checked it.
 *
 * <p>Immutable when its list is; thread-safe.
 *
 * @param customerId the customer placing the order, {@code > 0}
 * @param merchantId the merchant, {@code > 0}
 * @param items      1 to {@value #MAX_ITEMS} lines
 */
public record PlaceOrderRequest(@Nullable Long customerId, @Nullable Long merchantId,
                                @Nullable List<@Nullable Item> items) {

    public static final int MAX_ITEMS = 50;
    public static final int MAX_QUANTITY = 1_000;
    /** Per unit; keeps every order total far from overflowing a long. */
    public static final long MAX_UNIT_PRICE_CENTS = 100_000_000L;
    private static final int MAX_SKU_LENGTH = 64;

    /**
     * One line as sent.
     *
     * @param sku            article code
     * @param quantity       how many
     * @param unitPriceCents price of one, in cents
     */
    public record Item(@Nullable String sku, @Nullable Integer quantity, @Nullable Long unitPriceCents) {
    }

    /**
     * Checks every field and returns the order to place; {@link InvalidOrderException} listing every violation
     * (not just the first) when anything is wrong.
     */
    public NewOrder validate() {
        List<String> errors = new ArrayList<>();
        if (customerId == null || customerId <= 0) {
            errors.add("customerId must be a positive number but was " + customerId);
        }
        if (merchantId == null || merchantId <= 0) {
            errors.add("merchantId must be a positive number but was " + merchantId);
        }
        List<OrderLine> lines = new ArrayList<>();
        if (items == null || items.isEmpty() || items.size() > MAX_ITEMS) {
            errors.add("items must hold 1 to " + MAX_ITEMS + " lines but held "
                    + (items == null ? "none" : items.size()));
        } else {
            for (int i = 0; i < items.size(); i++) {
                validateItem(i, items.get(i), errors, lines);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidOrderException(errors);
        }
        // No errors: both ids were checked above.
        return new NewOrder(Objects.requireNonNull(customerId), Objects.requireNonNull(merchantId), lines);
    }

    private static void validateItem(int index, @Nullable Item item, List<String> errors, List<OrderLine> lines) {
        String at = "items[" + index + "].";
        if (item == null) {
            errors.add("items[" + index + "] must not be null");
            return;
        }
        String sku = item.sku();
        Integer quantity = item.quantity();
        Long unitPriceCents = item.unitPriceCents();
        boolean valid = true;
        if (sku == null || sku.isBlank() || sku.length() > MAX_SKU_LENGTH) {
            errors.add(at + "sku must be 1 to " + MAX_SKU_LENGTH + " characters but was " + sku);
            valid = false;
        }
        if (quantity == null || quantity < 1 || quantity > MAX_QUANTITY) {
            errors.add(at + "quantity must be 1 to " + MAX_QUANTITY + " but was " + quantity);
            valid = false;
        }
        if (unitPriceCents == null || unitPriceCents < 0 || unitPriceCents > MAX_UNIT_PRICE_CENTS) {
            errors.add(at + "unitPriceCents must be 0 to " + MAX_UNIT_PRICE_CENTS + " but was " + unitPriceCents);
            valid = false;
        }
        if (valid && sku != null && quantity != null && unitPriceCents != null) {
            lines.add(new OrderLine(sku, quantity, unitPriceCents));
        }
    }
}
