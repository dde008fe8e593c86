package io.shardkit.outbox;

/**
 * An event was to be appended on a connection in auto-commit mode: it would commit on its own, apart from the
 * business rows it describes, so an order could exist without its event or the other way round. Open a
 * transaction first (or let the caller's transaction manager hand out the connection).
 *
 * <p>Instances are immutable and thread-safe.
 */
public class OutboxTransactionRequiredException extends OutboxException {

    private static final long serialVersionUID = 1L;

    public OutboxTransactionRequiredException(String detail) {
        super(null, "no transaction: the connection is in auto-commit mode, so the event would commit apart "
                + "from the business rows (" + detail + "); append inside the caller's local transaction", null);
    }
}
