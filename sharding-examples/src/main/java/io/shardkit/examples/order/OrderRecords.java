package io.shardkit.examples.order;

import org.springframework.data.repository.CrudRepository;

/** Spring Data JDBC's repository of order aggregates, on the shard bound to the calling thread. */
interface OrderRecords extends CrudRepository<OrderRecord, Long> {
}
