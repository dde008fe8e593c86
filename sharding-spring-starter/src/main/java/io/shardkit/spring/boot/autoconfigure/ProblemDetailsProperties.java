package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.spring.web.ShardingProblemDetails;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * shardkit's exceptions as RFC 9457 problem details in a Spring MVC application ({@code shardkit.problem-details.*}),
 * answered by {@link ShardingProblemDetails}.
 *
 * <pre>{@code
 * shardkit:
 *   problem-details:
 *     enabled: true
 *     retry-after: 5s
 * }</pre>
 *
 * <p>Off unless {@code enabled} is set: an application that maps errors itself keeps doing so. Mutable while
 * Spring binds it, read-only afterwards; not thread-safe during binding.
 */
@ConfigurationProperties(prefix = ProblemDetailsProperties.PREFIX)
public class ProblemDetailsProperties {

    /** The property prefix. */
    public static final String PREFIX = "shardkit.problem-details";
    /** The Retry-After of a 503 unless configured. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    /**
     * Whether shardkit's exceptions are answered as RFC 9457 problem details: 503 with a Retry-After header for a
     * shard that is unavailable, 400 for a shard key or page token the request got wrong, 500 for the rest. Off by
     * default.
     */
    private boolean enabled;

    /**
     * How long a client is told to wait before retrying a call that failed because a shard was unavailable (the
     * Retry-After header of the 503, in whole seconds, rounded up). Must be positive.
     */
    private Duration retryAfter = DEFAULT_RETRY_AFTER;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getRetryAfter() {
        return retryAfter;
    }

    public void setRetryAfter(Duration retryAfter) {
        this.retryAfter = retryAfter;
    }
}
