package io.shardkit.examples.order;

/**
 * A page token the service did not issue for this query (altered, forged, or from another listing). The HTTP
 * layer answers 400; the client starts again from the first page.
 *
 * <p>Immutable and thread-safe.
 */
public class BadPageTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadPageTokenException(String message) {
        super(message);
    }
}
