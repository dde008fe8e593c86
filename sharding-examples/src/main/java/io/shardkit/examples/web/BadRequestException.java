package io.shardkit.examples.web;

/**
 * A query parameter or page token the API cannot take; answered with 400 and the message as the detail.
 *
 * <p>Immutable and thread-safe.
 */
public class BadRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadRequestException(String message) {
        super(message);
    }

    public BadRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
