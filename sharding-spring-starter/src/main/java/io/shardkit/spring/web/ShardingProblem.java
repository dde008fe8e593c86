package io.shardkit.spring.web;

import io.shardkit.CrossShardTransactionException;
import io.shardkit.InvalidShardKeyException;
import io.shardkit.KeyOutOfRangeException;
import io.shardkit.NoShardBoundException;
import io.shardkit.ShardKeyResolutionException;
import io.shardkit.ShardUnavailableException;
import io.shardkit.ShardingException;
import io.shardkit.UnknownShardException;
import io.shardkit.scatter.paging.InvalidPageTokenException;
import io.shardkit.scatter.ShardCircuitOpenException;
import io.shardkit.scatter.ShardTimeoutException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * The kinds of problem a shardkit exception is answered as: status, type slug and title, one place for the
 * mapping {@link ShardingProblemDetails} documents.
 *
 * <p>Immutable and thread-safe.
 */
enum ShardingProblem {

    SHARD_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "shard-unavailable", "Shard unavailable"),
    SHARD_TIMEOUT(HttpStatus.SERVICE_UNAVAILABLE, "shard-timeout", "Shard timed out"),
    INVALID_SHARD_KEY(HttpStatus.BAD_REQUEST, "invalid-shard-key", "Invalid shard key"),
    INVALID_PAGE_TOKEN(HttpStatus.BAD_REQUEST, "invalid-page-token", "Invalid page token"),
    UNKNOWN_SHARD(HttpStatus.BAD_REQUEST, "unknown-shard", "Unknown shard"),
    CROSS_SHARD(HttpStatus.INTERNAL_SERVER_ERROR, "cross-shard-transaction", "Cross-shard unit of work"),
    NO_SHARD_BOUND(HttpStatus.INTERNAL_SERVER_ERROR, "no-shard-bound", "No shard bound"),
    SHARDING_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "sharding-error", "Sharding error");

    /** How far a cause chain is searched for a shard that is down; shardkit nests one or two levels. */
    private static final int MAX_DEPTH = 10;

    private final HttpStatus status;
    private final String slug;
    private final String title;

    ShardingProblem(HttpStatus status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    HttpStatus status() {
        return status;
    }

    String slug() {
        return slug;
    }

    String title() {
        return title;
    }

    /** Whether a client may retry after a while (a 503): the shard, not the request, was the problem. */
    boolean transientFailure() {
        return status == HttpStatus.SERVICE_UNAVAILABLE;
    }

    /**
     * The exception that decides the answer to {@code ex}: a shard that was down or too slow anywhere in its cause
     * chain (a fan-out reports the shard's failure as its cause), else {@code ex} itself.
     */
    static ShardingException deciding(ShardingException ex) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable t = ex;
        for (int depth = 0; t != null && depth < MAX_DEPTH && seen.add(t); depth++, t = t.getCause()) {
            if (t instanceof ShardUnavailableException || t instanceof ShardCircuitOpenException
                    || t instanceof ShardTimeoutException) {
                return (ShardingException) t;
            }
        }
        return ex;
    }

    /** The kind of {@code deciding}, an exception {@link #deciding} chose. */
    static ShardingProblem of(ShardingException deciding) {
        if (deciding instanceof ShardUnavailableException || deciding instanceof ShardCircuitOpenException) {
            return SHARD_UNAVAILABLE;
        }
        if (deciding instanceof ShardTimeoutException) {
            return SHARD_TIMEOUT;
        }
        if (deciding instanceof InvalidShardKeyException || deciding instanceof KeyOutOfRangeException
                || deciding instanceof ShardKeyResolutionException) {
            return INVALID_SHARD_KEY;
        }
        if (deciding instanceof InvalidPageTokenException) {
            return INVALID_PAGE_TOKEN;
        }
        if (deciding instanceof UnknownShardException) {
            return UNKNOWN_SHARD;
        }
        if (deciding instanceof CrossShardTransactionException) {
            return CROSS_SHARD;
        }
        return deciding instanceof NoShardBoundException ? NO_SHARD_BOUND : SHARDING_ERROR;
    }
}
