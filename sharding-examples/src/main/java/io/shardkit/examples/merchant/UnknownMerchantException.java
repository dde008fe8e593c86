package io.shardkit.examples.merchant;

/**
 * No merchant has that id. The HTTP layer answers 404 for a merchant addressed by the URL and 422 for an order
 * naming one.
 *
 * <p>Immutable and thread-safe.
 */
public class UnknownMerchantException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long merchantId;

    public UnknownMerchantException(long merchantId) {
        super("Merchant [" + merchantId + "] does not exist");
        this.merchantId = merchantId;
    }

    public long merchantId() {
        return merchantId;
    }
}
