package io.shardkit.benchmarks.endtoend;

import org.openjdk.jmh.annotations.Threads;

/** {@link OrderPlacementBenchmark} with 4 client threads (ops/s is the total over the threads). */
@Threads(4)
public class OrderPlacement4ThreadsBenchmark extends OrderPlacementBenchmark {
}
