/**
 * The outbox relay's publisher for Apache Kafka: {@link io.shardkit.outbox.kafka.KafkaOutboxPublisher} sends each
 * batch with an idempotent producer, keyed by aggregate id, and confirms it only once the broker acknowledged
 * every record. Depends on shardkit core and {@code kafka-clients} only.
 */
@NullMarked
package io.shardkit.outbox.kafka;

import org.jspecify.annotations.NullMarked;
