package io.shardkit.outbox;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one shard's relay counters, as {@link OutboxRelay#stats()} returns them. Counters start at zero
 * with the relay instance; they are not read from the database.
 *
 * <p>Immutable and thread-safe.
 *
 * @param shard               the shard
 * @param published           events this relay confirmed and marked published
 * @param failedPolls         polls that failed (publisher refused a batch, or the database failed)
 * @param consecutiveFailures failed polls since the last successful one; drives the back-off
 * @param pending             events still to publish when last measured (after each poll that reached the
 *                            database, one whose batch the publisher refused included), or -1 before the first
 *                            such poll
 * @param healthy             whether the last poll succeeded
 * @param outages             how often the shard went from healthy to failing (one WARN is logged each time)
 * @param lastFailure         message of the most recent failure, or {@code null} if none yet
 */
public record OutboxShardStats(String shard, long published, long failedPolls, int consecutiveFailures,
                               long pending, boolean healthy, long outages, @Nullable String lastFailure) {
}
