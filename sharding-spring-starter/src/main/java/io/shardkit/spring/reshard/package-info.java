/**
 * Online resharding in a Spring application: {@link io.shardkit.spring.reshard.Resharders}, the movers and bucket
 * write fences of the bucketed rules the starter configured ({@code shardkit.reshard.*}).
 */
@NullMarked
package io.shardkit.spring.reshard;

import org.jspecify.annotations.NullMarked;
