package io.shardkit.spring.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.shardkit.bucket.BucketWrites;
import io.shardkit.metrics.MicrometerReshardMeters;
import io.shardkit.reshard.MoveListener;
import io.shardkit.reshard.Resharder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The resharding meters of each rule ({@link MicrometerReshardMeters}: rows copied, fence time, journal lag,
 * writers' wait), registered once per rule and shared by its resharders and its write fence. Loaded only when
 * Micrometer is on the class path.
 *
 * <p>Thread-safe.
 */
final class MicrometerReshardWatch implements ReshardWatch {

    private final MeterRegistry registry;
    private final Map<String, MicrometerReshardMeters> meters = new ConcurrentHashMap<>();
    /** Micrometer holds a gauge's object weakly; these are held here so the journal-lag gauges keep reading. */
    private final List<Resharder> watched = new CopyOnWriteArrayList<>();

    MicrometerReshardWatch(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MoveListener listener(String rule) {
        return meters(rule);
    }

    @Override
    public BucketWrites writes(BucketWrites writes) {
        return writes.withObserver(meters(writes.rule().name()));
    }

    @Override
    public void watch(Resharder resharder) {
        watched.add(resharder);
        MicrometerReshardMeters.watch(registry, resharder);
    }

    private MicrometerReshardMeters meters(String rule) {
        return meters.computeIfAbsent(rule, name -> new MicrometerReshardMeters(registry, name));
    }
}
