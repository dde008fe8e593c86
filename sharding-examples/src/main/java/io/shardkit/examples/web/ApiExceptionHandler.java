package io.shardkit.examples.web;

import io.shardkit.InvalidShardKeyException;
import io.shardkit.ShardUnavailableException;
import io.shardkit.ShardingException;
import io.shardkit.UnknownShardException;
import io.shardkit.examples.merchant.UnknownMerchantException;
import io.shardkit.examples.order.InvalidOrderException;
import io.shardkit.examples.order.OrderNotFoundException;
import io.shardkit.scatter.paging.InvalidPageTokenException;
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
 * service's and shardkit's typed exceptions are mapped here. Nothing reaches the client as a stack trace: an
 * unexpected exception is logged and answered with a 500 problem that says only that.
 *
 * <p>Thread-safe (stateless).
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);
    private static final String TYPE_BASE = "https://shardkit.io/problems/";

    @ExceptionHandler(InvalidOrderException.class)
    ProblemDetail invalidOrder(InvalidOrderException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-order", "Invalid order", e.getMessage());
        p.setProperty("violations", e.violations());
        return p;
    }

    /** A forged, altered or foreign token (shardkit's {@code KeysetPager} checks its signature): start over. */
    @ExceptionHandler(InvalidPageTokenException.class)
    ProblemDetail invalidPageToken(InvalidPageTokenException e) {
        return sharding(HttpStatus.BAD_REQUEST, "invalid-page-token", "Invalid page token", e);
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

    @ExceptionHandler(UnknownShardException.class)
    ProblemDetail unknownShard(UnknownShardException e) {
        return sharding(HttpStatus.BAD_REQUEST, "unknown-shard", "Unknown shard", e);
    }

    @ExceptionHandler(InvalidShardKeyException.class)
    ProblemDetail invalidKey(InvalidShardKeyException e) {
        return sharding(HttpStatus.BAD_REQUEST, "invalid-shard-key", "Invalid shard key", e);
    }

    @ExceptionHandler(ShardUnavailableException.class)
    ProblemDetail shardUnavailable(ShardUnavailableException e) {
        LOG.warn("shard '{}' unavailable: {}", e.getShard(), e.getMessage());
        return sharding(HttpStatus.SERVICE_UNAVAILABLE, "shard-unavailable", "Shard unavailable", e);
    }

    @ExceptionHandler(ShardingException.class)
    ProblemDetail sharding(ShardingException e) {
        ShardUnavailableException down = downShard(e);
        if (down != null) {
            return shardUnavailable(down);
        }
        LOG.error("sharding failure", e);
        return sharding(HttpStatus.INTERNAL_SERVER_ERROR, "sharding-error", "Sharding error", e);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        ShardUnavailableException down = downShard(e);
        if (down != null) {
            return shardUnavailable(down);
        }
        LOG.error("unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The request failed unexpectedly; nothing about it is known to be written. See the server log.");
    }

    /**
     * The shard that is down behind {@code e}, if any: a fan-out reports it as the cause of its
     * {@code ScatterGatherException}, and a transaction manager may wrap it (e.g. in Spring's
     * {@code CannotCreateTransactionException}); either way the client gets the shard's 503.
     */
    private static @Nullable ShardUnavailableException downShard(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof ShardUnavailableException down) {
                return down;
            }
        }
        return null;
    }

    private static ProblemDetail sharding(HttpStatus status, String type, String title, ShardingException e) {
        ProblemDetail p = problem(status, type, title, e.getMessage());
        if (e.getRule() != null) {
            p.setProperty("rule", e.getRule());
        }
        if (e.getShard() != null) {
            p.setProperty("shard", e.getShard());
        }
        return p;
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create(TYPE_BASE + type));
        p.setTitle(title);
        return p;
    }
}
