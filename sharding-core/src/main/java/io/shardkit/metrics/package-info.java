/** Metrics hooks; Micrometer is optional. */
@NullMarked
package io.shardkit.metrics;

import org.jspecify.annotations.NullMarked;
