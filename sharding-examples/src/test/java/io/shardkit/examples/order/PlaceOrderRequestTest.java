package io.shardkit.examples.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaceOrderRequestTest {

    @Test
    void validRequestBecomesANewOrderWithItsTotal() {
        NewOrder order = new PlaceOrderRequest(7L, 3L, List.of(new PlaceOrderRequest.Item("pizza", 2, 1_250L),
                new PlaceOrderRequest.Item("cola", 1, 0L))).validate();
        assertThat(order.customerId()).isEqualTo(7);
        assertThat(order.merchantId()).isEqualTo(3);
        assertThat(order.totalCents()).isEqualTo(2_500);
        assertThat(order.lines()).extracting(OrderLine::sku).containsExactly("pizza", "cola");
    }

    @Test
    void everyViolationIsListed() {
        List<PlaceOrderRequest.Item> items = new ArrayList<>();
        items.add(new PlaceOrderRequest.Item("", 0, -5L));
        items.add(null);
        PlaceOrderRequest request = new PlaceOrderRequest(-1L, null, items);

        assertThatThrownBy(request::validate).isInstanceOfSatisfying(InvalidOrderException.class, e ->
                assertThat(e.violations()).containsExactly(
                        "customerId must be a positive number but was -1",
                        "merchantId must be a positive number but was null",
                        "items[0].sku must be 1 to 64 characters but was ",
                        "items[0].quantity must be 1 to 1000 but was 0",
                        "items[0].unitPriceCents must be 0 to 100000000 but was -5",
                        "items[1] must not be null"));
    }

    @Test
    void missingOrTooManyItemsAreRefused() {
        assertThatThrownBy(() -> new PlaceOrderRequest(1L, 1L, null).validate())
                .hasMessageContaining("items must hold 1 to 50 lines but held none");
        List<PlaceOrderRequest.Item> many = Collections.nCopies(51, new PlaceOrderRequest.Item("x", 1, 1L));
        assertThatThrownBy(() -> new PlaceOrderRequest(1L, 1L, many).validate())
                .hasMessageContaining("but held 51");
    }

    @Test
    void largestOrderCannotOverflow() {
        List<PlaceOrderRequest.Item> max = Collections.nCopies(PlaceOrderRequest.MAX_ITEMS,
                new PlaceOrderRequest.Item("x", PlaceOrderRequest.MAX_QUANTITY,
                        PlaceOrderRequest.MAX_UNIT_PRICE_CENTS));
        assertThat(new PlaceOrderRequest(1L, 1L, max).validate().totalCents())
                .isEqualTo(50L * 1_000 * 100_000_000L);
    }
}
