package io.shardkit.examples.web;

import io.shardkit.examples.merchant.UnknownMerchantException;
import io.shardkit.examples.order.InvalidOrderException;
import io.shardkit.examples.order.OrderNotFoundException;
import io.shardkit.spring.web.ShardingProblemDetails;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 9457 problem document ({@code application/problem+json}). Spring MVC's own
 * errors (malformed JSON, a path variable of the wrong type, an unknown URL) come from the base class; the
 * service's own exceptions are mapped here. shardkit's exceptions (a shard that is down, a refused page token, a
 * key or shard name the request got wrong) are answered by the starter's problem-details advice
 * ({@code shardkit.problem-details.enabled} in {@code application.yml}), which Spring consults before this one.
 * Nothing reaches the client as a stack trace: an unexpected exception is logged and answered with a 500 problem
 * that says only that.
 *
 * <p>Thread-safe (stateless).
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(InvalidOrderException.class)
    ProblemDetail invalidOrder(InvalidOrderException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-order", "Invalid order", e.getMessage());
        p.setProperty("violations", e.violations());
        return p;
    }

    @ExceptionHandler(BadRequestException.class)
    ProblemDetail badRequest(BadRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", e.getMessage());
    }

    @ExceptionHandler(OrderNotFoundException.class)
    ProblemDetail orderNotFound(OrderNotFoundException e) {
        ProblemDetail p = problem(HttpStatus.NOT_FOUND, "order-not-found", "Order not found", e.getMessage());
        p.setProperty("orderId", e.orderId());
        return p;
    }

    @ExceptionHandler(UnknownMerchantException.class)
    ProblemDetail unknownMerchant(UnknownMerchantException e) {
        ProblemDetail p = problem(HttpStatus.NOT_FOUND, "merchant-not-found", "Merchant not found", e.getMessage());
        p.setProperty("merchantId", e.merchantId());
        return p;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        LOG.error("unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The request failed unexpectedly; nothing about it is known to be written. See the server log.");
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, @Nullable String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create(ShardingProblemDetails.TYPE_BASE + type));
        p.setTitle(title);
        return p;
    }
}
