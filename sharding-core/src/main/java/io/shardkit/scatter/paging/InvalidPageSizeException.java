package io.shardkit.scatter.paging;

import io.shardkit.ShardingException;

/**
 * A page size below 1 or above the pager's maximum ({@link KeysetPager#DEFAULT_MAX_PAGE_SIZE} unless configured
 * otherwise). Every shard would be asked for that many rows per page, so the size is bounded rather than
 * trusted; a client asking for more gets this before any shard runs.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class InvalidPageSizeException extends ShardingException {

    private static final long serialVersionUID = 1L;

    private final int pageSize;
    private final int maxPageSize;

    private InvalidPageSizeException(String rule, int pageSize, int maxPageSize) {
        super("Rule '" + rule + "': page size " + pageSize + " is out of range; a page holds 1 to " + maxPageSize
                + " rows (KeysetPager.Builder.maxPageSize)", rule, null, null, null);
        this.pageSize = pageSize;
        this.maxPageSize = maxPageSize;
    }

    /** {@code Rule 'orders': page size 0 is out of range; a page holds 1 to 10000 rows (...)}. */
    public static InvalidPageSizeException outOfRange(String rule, int pageSize, int maxPageSize) {
        return new InvalidPageSizeException(rule, pageSize, maxPageSize);
    }

    /** The page size asked for. */
    public int getPageSize() {
        return pageSize;
    }

    /** The largest page size the pager accepts. */
    public int getMaxPageSize() {
        return maxPageSize;
    }
}
