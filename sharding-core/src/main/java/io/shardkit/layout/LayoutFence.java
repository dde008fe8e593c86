package io.shardkit.layout;

import io.shardkit.Shard;
import io.shardkit.ShardGate;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every shard whose database is not the one the layout says it is from serving any call. Each shard's
 * database holds a small identity record (table {@value #DEFAULT_TABLE}): the layout's name, the shard's name and
 * index, a random id of the database, the layout's members, and the {@link RuleFingerprint} of every rule that
 * places rows there. {@link #verify} reads it with one query per shard; afterwards a verified shard costs its
 * callers one volatile read per connection.
 *
 * <pre>{@code
 * LayoutFence fence = LayoutFence.custom().layoutName("orders").build();
 * ShardRegistry registry = ShardRegistry.builder().gates(fence)
 *         .shard("shard-0", 0, pool0).shard("shard-1", 1, pool1).build();
 * ShardingRules rules = ...;
 * fence.verify(registry, rules.all());      // LayoutMismatchException when a database is not what it should be
 * }</pre>
 *
 * <p><b>What fails.</b> A url that reaches another shard's database, two shards on one database, a database with
 * no identity where the layout says it was stamped, another layout's identity, a changed index, a rule whose
 * fingerprint changed (unless {@link LayoutFenceBuilder#acceptRuleChange accepted}), a missing table that may not be
 * created:
 * {@link LayoutMismatchException} naming each shard, what was expected and what was found. Those shards stay
 * fenced ({@link ShardNotVerifiedException}).
 *
 * <p><b>What is stamped.</b> A database with no identity is stamped (its identity written) on the first start of a
 * new layout, when its shard is new to the layout, and when its shard was down when the layout was first stamped.
 *
 * <p><b>Shards that are down.</b> A shard that cannot be read stays closed; the next call that wants it checks it
 * (one caller at a time; the others fail fast) and opens it when it checks out. Until {@code verify} ran, every
 * shard is closed; after {@link #verifyOnFirstUse} the first call runs {@code verify} itself.
 *
 * <p>Thread-safe. One fence serves one registry.
 */
public final class LayoutFence implements ShardGate.Factory {

    /** Default layout name. */
    public static final String DEFAULT_LAYOUT_NAME = "default";
    /** Default identity table; the shipped DDL creates it. */
    public static final String DEFAULT_TABLE = "shardkit_layout";
    /** Whether a missing identity table is created by default. */
    public static final boolean DEFAULT_CREATE_TABLE = true;

    static final Logger LOG = LoggerFactory.getLogger(LayoutFence.class);

    private final LayoutSettings settings;
    private final Map<String, LayoutGate> gates = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, ShardRecord> known = new LinkedHashMap<>();
    private volatile @Nullable Armed armed;
    private @Nullable ShardRegistry registry;
    private @Nullable LayoutCheck check;
    private @Nullable LayoutReport report;
    private @Nullable LayoutMismatchException failure;

    LayoutFence(LayoutSettings settings) {
        this.settings = settings;
    }

    /** A builder starting from the defaults. */
    public static LayoutFenceBuilder custom() {
        return new LayoutFenceBuilder();
    }

    public static LayoutFence ofDefaults() {
        return custom().build();
    }

    public String layoutName() {
        return settings.layout();
    }

    public String tableName() {
        return settings.table().name();
    }

    @Override
    public ShardGate gateOf(String name, int index) {
        LayoutGate gate = new LayoutGate(this);
        if (gates.putIfAbsent(name, gate) != null) {
            throw new ShardingConfigurationException("LayoutFence: shard '" + name + "' already has a gate; a fence "
                    + "serves one registry");
        }
        return gate;
    }

    /**
     * Checks every shard of {@code registry} against the layout: opens the shards that check out, stamps those that
     * may be stamped, keeps the unreachable ones closed. Runs once; later calls return the first report (or throw
     * the first failure).
     *
     * @throws LayoutMismatchException when a database is not what the layout says
     */
    public LayoutReport verify(ShardRegistry registry, Collection<ShardingRule> rules) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(rules, "rules");
        lock.lock();
        try {
            if (failure != null) {
                throw failure;
            }
            if (report != null) {
                return report;
            }
            for (Shard shard : registry.shards()) {
                if (!gates.containsKey(shard.name())) {
                    throw new ShardingConfigurationException("LayoutFence: shard '" + shard.name() + "' has no gate "
                            + "of this fence; build the registry with ShardRegistry.builder().gates(fence)");
                }
            }
            this.registry = registry;
            this.check = new LayoutCheck(settings, registry, rules);
            LayoutCheck.Outcome outcome = apply(check.run(registry.shards(), known));
            report = new LayoutReport(layoutName(), List.copyOf(outcome.verified.keySet()), outcome.stamped,
                    List.copyOf(outcome.down.keySet()), check.fingerprints());
            LOG.info("shardkit layout '{}': verified {}, stamped {}, down {}", layoutName(), report.verified(),
                    report.stamped(), report.down());
            if (!outcome.problems.isEmpty()) {
                failure = LayoutMismatchException.of(layoutName(), outcome.problems);
                throw failure;
            }
            return report;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Lets the first connection any shard is asked for run {@link #verify} with {@code rules} (asked for then),
     * so that code touching a shard before the application calls {@code verify} still meets a checked layout.
     */
    public void verifyOnFirstUse(ShardRegistry registry, Supplier<? extends Collection<ShardingRule>> rules) {
        this.armed = new Armed(Objects.requireNonNull(registry, "registry"), Objects.requireNonNull(rules, "rules"));
    }

    /** Whether every shard of {@code registry} is gated by this fence (the registry was built with it). */
    public boolean guards(ShardRegistry registry) {
        for (Shard shard : registry.shards()) {
            if (!gates.containsKey(shard.name())) {
                return false;
            }
        }
        return true;
    }

    /** The report of the start-up check, once it ran. */
    public Optional<LayoutReport> report() {
        lock.lock();
        try {
            return Optional.ofNullable(report);
        } finally {
            lock.unlock();
        }
    }

    /** The slow path of a closed gate: run the first check, re-check a shard that was down, or refuse. */
    void admitSlowly(LayoutGate gate, Shard shard) {
        LayoutGate.State state = gate.state();
        if (state.kind == LayoutGate.Kind.NOT_CHECKED) {
            Armed first = armed;
            if (first == null) {
                throw ShardNotVerifiedException.notChecked(shard.name());
            }
            verify(first.registry, first.rules.get());
            refuseUnlessOpen(gate.state(), shard);
            return;
        }
        if (state.kind == LayoutGate.Kind.DOWN) {
            if (!lock.tryLock()) {
                throw ShardNotVerifiedException.checking(shard.name());
            }
            try {
                recheck(shard);
            } finally {
                lock.unlock();
            }
        }
        refuseUnlessOpen(gate.state(), shard);
    }

    private static void refuseUnlessOpen(LayoutGate.State state, Shard shard) {
        switch (state.kind) {
            case OPEN -> {
                // admitted
            }
            case FENCED -> throw ShardNotVerifiedException.fenced(Objects.requireNonNull(state.problem));
            case DOWN -> throw ShardNotVerifiedException.unreachable(shard.name(), Objects.requireNonNull(state.cause));
            default -> throw ShardNotVerifiedException.notChecked(shard.name());
        }
    }

    /** Re-reads a shard that was down; with nothing verified yet, every closed shard (the layout is unknown). */
    private void recheck(Shard shard) {
        if (gate(shard.name()).state().kind != LayoutGate.Kind.DOWN || check == null || registry == null) {
            return;
        }
        List<Shard> toRead = new ArrayList<>();
        for (Shard s : registry.shards()) {
            LayoutGate.Kind kind = gate(s.name()).state().kind;
            if (s.equals(shard) || known.isEmpty() && kind == LayoutGate.Kind.DOWN) {
                toRead.add(s);
            }
        }
        LayoutCheck.Outcome outcome = apply(check.run(toRead, known));
        if (!outcome.verified.isEmpty()) {
            LOG.info("shardkit layout '{}': {} verified after being down{}", layoutName(), outcome.verified.keySet(),
                    outcome.stamped.isEmpty() ? "" : ", stamped " + outcome.stamped);
        }
        for (LayoutProblem problem : outcome.problems) {
            LOG.error("shardkit layout '{}': {}; the shard stays fenced: {}", layoutName(), problem.describe(),
                    problem.action());
        }
    }

    private LayoutCheck.Outcome apply(LayoutCheck.Outcome outcome) {
        outcome.verified.forEach((name, record) -> {
            known.put(name, record);
            gate(name).set(LayoutGate.State.OPEN);
        });
        outcome.down.forEach((name, cause) -> {
            LOG.warn("shardkit layout '{}': shard '{}' is unreachable; it serves no call until it checks out: {}",
                    layoutName(), name, cause.getMessage());
            gate(name).set(LayoutGate.State.down(cause));
        });
        for (LayoutProblem problem : outcome.problems) {
            LayoutGate gate = gate(problem.shard());
            if (gate.state().kind != LayoutGate.Kind.FENCED) {
                gate.set(LayoutGate.State.fenced(problem));
            }
        }
        return outcome;
    }

    @Override
    public String toString() {
        return "LayoutFence[layout=" + layoutName() + ", table=" + tableName() + "]";
    }

    private record Armed(ShardRegistry registry, Supplier<? extends Collection<ShardingRule>> rules) {
    }

    private LayoutGate gate(String shard) {
        return Objects.requireNonNull(gates.get(shard), shard);
    }
}
