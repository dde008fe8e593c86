/**
 * Implementation detail of scatter-gather (k-way merging). Not API: may change in any release.
 */
@NullMarked
package io.shardkit.scatter.internal;

import org.jspecify.annotations.NullMarked;
