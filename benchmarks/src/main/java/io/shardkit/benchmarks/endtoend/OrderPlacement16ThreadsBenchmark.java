package io.shardkit.benchmarks.endtoend;

import org.openjdk.jmh.annotations.Threads;

/** {@link OrderPlacementBenchmark} with 16 client threads (ops/s is the total over the threads). */
@Threads(16)
public class OrderPlacement16ThreadsBenchmark extends OrderPlacementBenchmark {
}
