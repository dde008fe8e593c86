/** Merchants, placed on shards by a directory rule, and moving one while orders keep flowing. */
@NullMarked
package io.shardkit.examples.merchant;

import org.jspecify.annotations.NullMarked;
