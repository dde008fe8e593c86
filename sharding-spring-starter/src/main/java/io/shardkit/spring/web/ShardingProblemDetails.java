package io.shardkit.spring.web;

import io.shardkit.CrossShardTransactionException;
import io.shardkit.NoShardBoundException;
import io.shardkit.ShardingException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers every {@link ShardingException} a controller lets escape as an RFC 9457 problem document
 * ({@code application/problem+json}), typed {@code https://shardkit.io/problems/<kind>}, the exception's message
 * as {@code detail}, and {@code rule} / {@code shard} properties where the exception names them:
 * <ul>
 *   <li><b>503</b> with {@code Retry-After}: a shard that is unavailable or whose breaker is open
 *       ({@code shard-unavailable}), or that timed out ({@code shard-timeout}), also when it is the cause of a
 *       fan-out's failure: the request was fine, the shard was not;</li>
 *   <li><b>400</b>: a shard key the rule cannot place or the arguments did not yield
 *       ({@code invalid-shard-key}), a page token that is forged, altered or foreign ({@code invalid-page-token}),
 *       a shard name that does not exist ({@code unknown-shard}, e.g. an admin call naming a shard);</li>
 *   <li><b>500</b>: a unit of work that tried a second shard ({@code cross-shard-transaction}, with
 *       {@code boundShard}), a call that reached the routing DataSource with no shard bound
 *       ({@code no-shard-bound}, with {@code method} when known), anything else ({@code sharding-error}). A
 *       cross-shard refusal is the application's own defect, not a conflict the client could resolve by retrying
 *       (409): the same request fails again until the code routes it.</li>
 * </ul>
 * A 503 is logged at WARN (one line), other 5xx at ERROR with the stack trace, 4xx at DEBUG.
 *
 * <p>Ordered at {@link #ORDER}, ahead of advice without an order, so that an application's catch-all
 * {@code @ExceptionHandler(Exception.class)} does not shadow it; an advice of the application ordered before it
 * wins. Enabled by {@code shardkit.problem-details.enabled=true}. Immutable and thread-safe.
 */
@RestControllerAdvice
public final class ShardingProblemDetails implements Ordered {

    /** Just ahead of unordered advice. */
    public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 100;
    /** Base of every problem type URI. */
    public static final String TYPE_BASE = "https://shardkit.io/problems/";

    private static final Logger LOG = LoggerFactory.getLogger(ShardingProblemDetails.class);

    private final String retryAfterSeconds;

    /** @param retryAfter the {@code Retry-After} of a 503, rounded up to whole seconds (at least one) */
    public ShardingProblemDetails(Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        long seconds = Math.max(1, retryAfter.plusNanos(999_999_999).getSeconds());
        this.retryAfterSeconds = Long.toString(seconds);
    }

    /** The problem document for {@code ex}, with {@code Retry-After} on a 503. */
    @ExceptionHandler(ShardingException.class)
    public ResponseEntity<ProblemDetail> handle(ShardingException ex) {
        ShardingException deciding = ShardingProblem.deciding(ex);
        ShardingProblem problem = ShardingProblem.of(deciding);
        log(problem, ex, deciding);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), deciding.getMessage());
        body.setType(URI.create(TYPE_BASE + problem.slug()));
        body.setTitle(problem.title());
        describe(body, deciding);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.status());
        if (problem.transientFailure()) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        }
        return response.body(body);
    }

    private static void describe(ProblemDetail body, ShardingException ex) {
        if (ex.getRule() != null) {
            body.setProperty("rule", ex.getRule());
        }
        if (ex.getShard() != null) {
            body.setProperty("shard", ex.getShard());
        }
        if (ex instanceof CrossShardTransactionException cross) {
            body.setProperty("boundShard", cross.getBoundShard());
        }
        if (ex instanceof NoShardBoundException unbound && unbound.getMethod() != null) {
            body.setProperty("method", unbound.getMethod());
        }
    }

    private static void log(ShardingProblem problem, ShardingException ex, ShardingException deciding) {
        if (problem.transientFailure()) {
            LOG.warn("shard '{}': answered {}: {}", deciding.getShard(), problem.status().value(),
                    deciding.getMessage());
        } else if (problem.status().is5xxServerError()) {
            LOG.error("answered {} {}", problem.status().value(), problem.slug(), ex);
        } else {
            LOG.debug("answered {} {}: {}", problem.status().value(), problem.slug(), ex.getMessage());
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
