package io.shardkit.spring.boot.actuate;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The HTTP answers of {@link ReshardEndpoint}'s write operation: 202 Accepted with the operation's state when it
 * started, 409 Conflict with the running operation when another of the rule's operations is running. Bad input is
 * the endpoint's 400.
 *
 * <p>Thread-safe.
 */
@EndpointWebExtension(endpoint = ReshardEndpoint.class)
public class ReshardEndpointWebExtension {

    /** HTTP 202: the operation started and runs on. */
    public static final int STATUS_ACCEPTED = 202;
    /** HTTP 409: another operation of the rule is running. */
    public static final int STATUS_CONFLICT = 409;

    private final ReshardEndpoint endpoint;

    public ReshardEndpointWebExtension(ReshardEndpoint endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    /** {@link ReshardEndpoint#start}, answered with its HTTP status. */
    @WriteOperation
    public WebEndpointResponse<Object> start(@Selector String rule, String action, @Nullable String shards,
                                             @Nullable String bucket, @Nullable String target) {
        try {
            return new WebEndpointResponse<>(endpoint.start(rule, action, shards, bucket, target), STATUS_ACCEPTED);
        } catch (ReshardBusyException busy) {
            return new WebEndpointResponse<>(new Refused(busy.getMessage(), busy.getRunning()), STATUS_CONFLICT);
        }
    }

    /** Why an operation was refused, and the one running. */
    public record Refused(String error, ReshardEndpoint.Operation running) {
    }
}
