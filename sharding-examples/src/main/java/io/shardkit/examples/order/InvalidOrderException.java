package io.shardkit.examples.order;

import java.util.List;

/**
 * An order request that breaks the API's rules (missing fields, negative amounts, too many lines). Nothing has
 * been written when it is thrown. The HTTP layer answers 400 with every violation listed.
 *
 * <p>Immutable and thread-safe.
 */
public class InvalidOrderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> violations;

    public InvalidOrderException(List<String> violations) {
        super("Invalid order: " + String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    /** Every rule the request broke, one sentence each. */
    public List<String> violations() {
        return violations;
    }
}
