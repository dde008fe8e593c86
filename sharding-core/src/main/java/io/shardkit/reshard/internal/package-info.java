/** The SQL of the mover: keyset copy, per-key replay, per-bucket delete and content hash. Not an API. */
@NullMarked
package io.shardkit.reshard.internal;

import org.jspecify.annotations.NullMarked;
