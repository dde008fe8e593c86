package io.shardkit;

import java.util.Map;

/**
 * The shards of one registry run databases of different kinds (e.g. H2 and PostgreSQL), so no single SQL dialect
 * fits them all. Raised when something asks the routing DataSource which database it is (Spring Data JDBC's dialect,
 * Hibernate's, Boot's "is it embedded?"), typically at start-up, so that the start fails instead of generating SQL
 * that some shards would refuse.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class MixedShardDatabasesException extends ShardingConfigurationException {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, String> products;

    private MixedShardDatabasesException(Map<String, String> products) {
        super(null, "Shards run databases of different kinds " + products + "; one dialect must fit every shard, "
                + "so give every shard the same kind of database", null);
        this.products = Map.copyOf(products);
    }

    /** The shards (by name, in index order) and the database product each reported. */
    public static MixedShardDatabasesException of(Map<String, String> productsByShard) {
        return new MixedShardDatabasesException(productsByShard);
    }

    /** The database product of each shard that answered, by shard name. */
    public Map<String, String> getProducts() {
        return products;
    }
}
