package io.shardkit.benchmarks.routing;

import org.openjdk.jmh.annotations.Threads;

/**
 * {@link RoutingOverheadBenchmark} on 4 threads sharing the peer (ops/s is the total over the threads): shows
 * whether a peer's routing contends (shared locks, shared mutable state) when calls run in parallel.
 */
@Threads(4)
public class RoutingOverhead4ThreadsBenchmark extends RoutingOverheadBenchmark {
}
