/** The routing DataSource: connections of the shard bound to the current thread. */
@NullMarked
package io.shardkit.routing;

import org.jspecify.annotations.NullMarked;
