/**
 * Routing overhead: what each peer adds to a point select and to a single-row insert in a transaction.
 */
@NullMarked
package io.shardkit.benchmarks.routing;

import org.jspecify.annotations.NullMarked;
