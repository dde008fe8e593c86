package io.shardkit.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.examples.order.OrderNotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

/** The service's own exceptions; shardkit's are the starter's problem-details advice's (see OrderApiIT). */
class ApiExceptionHandlerTest {

    private final ApiExceptionHandler handler = new ApiExceptionHandler();

    @Test
    void anUnknownOrderIs404NamingIt() {
        ProblemDetail p = handler.orderNotFound(new OrderNotFoundException(42, "no such order"));

        assertThat(p.getStatus()).isEqualTo(404);
        assertThat(p.getType()).hasToString("https://shardkit.io/problems/order-not-found");
        assertThat(p.getProperties()).containsEntry("orderId", 42L);
    }

    @Test
    void anythingElseIsA500ThatRevealsNothing() {
        ProblemDetail p = handler.unexpected(new IllegalStateException("secret internals"));

        assertThat(p.getStatus()).isEqualTo(500);
        assertThat(p.getDetail()).doesNotContain("secret");
    }
}
