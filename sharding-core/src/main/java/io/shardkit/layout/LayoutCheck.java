package io.shardkit.layout;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardUnavailableException;
import io.shardkit.ShardingRule;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One run of the layout check over some shards: read each identity (one query per shard), compare it with what the
 * layout expects, stamp the databases that may be stamped (first start of a new layout, a shard added, a shard that
 * was down at the first start), and record what changed on the verified ones (a new rule or member, an accepted
 * rule change). When nothing changed, a run only reads.
 *
 * <p>Not thread-safe: the fence runs one at a time.
 */
final class LayoutCheck {

    private final LayoutSettings settings;
    private final LayoutProblems problems;
    private final List<Shard> shards;
    private final Map<String, RuleFingerprint> fingerprints = new LinkedHashMap<>();
    private final Map<String, List<RuleFingerprint>> byShard = new LinkedHashMap<>();

    LayoutCheck(LayoutSettings settings, ShardRegistry registry, Collection<ShardingRule> rules) {
        this.settings = settings;
        this.problems = new LayoutProblems(settings.layout(), settings.table().name());
        this.shards = registry.shards();
        for (Shard shard : shards) {
            byShard.put(shard.name(), new ArrayList<>());
        }
        for (ShardingRule rule : rules) {
            RuleFingerprint fingerprint = RuleFingerprint.of(rule);
            fingerprints.put(rule.name(), fingerprint);
            for (Shard shard : rule.shards()) {
                byShard.computeIfAbsent(shard.name(), s -> new ArrayList<>()).add(fingerprint);
            }
        }
    }

    Map<String, RuleFingerprint> fingerprints() {
        return Map.copyOf(fingerprints);
    }

    /**
     * @param toRead the shards to read, index order
     * @param known  the records of shards verified by earlier runs, by shard name
     */
    Outcome run(List<Shard> toRead, Map<String, ShardRecord> known) {
        Map<String, ShardReading> readings = new LinkedHashMap<>();
        Map<String, ShardRecord> records = new LinkedHashMap<>(known);
        for (Shard shard : toRead) {
            ShardReading reading = ShardReading.read(shard, settings.table(), settings.layout());
            readings.put(shard.name(), reading);
            if (reading.record() != null) {
                records.put(shard.name(), reading.record());
            }
        }
        Outcome out = new Outcome();
        Set<String> members = new HashSet<>();
        Set<String> stampedMembers = new HashSet<>();
        records.values().forEach(r -> r.members().forEach((name, member) -> {
            members.add(name);
            if (member.stamped()) {
                stampedMembers.add(name);
            }
        }));
        List<ShardReading> toStamp = new ArrayList<>();
        for (ShardReading reading : readings.values()) {
            classify(reading, records, members, stampedMembers, out, toStamp);
        }
        Set<String> stampedAll = new HashSet<>(stampedMembers);
        stampedAll.addAll(known.keySet());
        stampedAll.addAll(out.verified.keySet());
        toStamp.forEach(r -> stampedAll.add(r.shard().name()));
        Map<String, ShardRecord> alreadyVerified = new LinkedHashMap<>(known);
        alreadyVerified.putAll(out.verified);
        for (ShardReading reading : toStamp) {
            stamp(reading, stampedAll, records, out);
        }
        alreadyVerified.forEach((name, record) -> record(shardNamed(name), record, stampedAll, out));
        return out;
    }

    private void classify(ShardReading reading, Map<String, ShardRecord> records, Set<String> members,
                          Set<String> stampedMembers, Outcome out, List<ShardReading> toStamp) {
        Shard shard = reading.shard();
        if (reading.failure() != null) {
            out.down.put(shard.name(), reading.failure());
        } else if (reading.record() != null) {
            List<LayoutProblem> found = compare(shard, reading.record(), records);
            if (found.isEmpty()) {
                out.verified.put(shard.name(), reading.record());
            }
            out.problems.addAll(found);
        } else if (reading.foreign() != null) {
            out.problems.add(problems.foreignIdentity(shard, reading.foreignIdentity(), reading.foreign()));
        } else if (reading.tableMissing() && !settings.createTable()) {
            out.problems.add(problems.tableMissing(shard));
        } else if (records.isEmpty() || !members.contains(shard.name()) || !stampedMembers.contains(shard.name())) {
            // A new layout, a shard added to it, or one that was down when the layout was first stamped.
            toStamp.add(reading);
        } else {
            out.problems.add(problems.missingIdentity(shard, witnesses(shard.name(), records)));
        }
    }

    private List<LayoutProblem> compare(Shard shard, ShardRecord record, Map<String, ShardRecord> records) {
        if (!record.shardName().equals(shard.name())) {
            ShardRecord atOther = records.get(record.shardName());
            if (atOther != null && atOther.shardName().equals(shard.name())) {
                return List.of(problems.swapped(shard, record));
            }
            if (atOther != null && atOther.databaseId().equals(record.databaseId())) {
                return List.of(problems.sharedDatabase(shard, record));
            }
            return List.of(problems.otherShardsDatabase(shard, record));
        }
        if (record.index() != shard.index()) {
            return List.of(problems.indexChanged(shard, record));
        }
        List<LayoutProblem> found = new ArrayList<>();
        for (RuleFingerprint now : fingerprintsOf(shard)) {
            ShardRecord.Mark stored = record.rules().get(now.rule());
            String accepted = settings.accepted().getOrDefault(now.rule(), "");
            if (stored != null && !stored.hash().equals(now.hash()) && !accepted.equals(now.hash())) {
                found.add(problems.ruleChanged(shard, now, stored, accepted));
            }
        }
        return found;
    }

    private void stamp(ShardReading reading, Set<String> stampedAll, Map<String, ShardRecord> records, Outcome out) {
        Shard shard = reading.shard();
        String layout = settings.layout();
        LayoutTable table = settings.table();
        try (Connection c = shard.rawDataSource().getConnection()) {
            if (reading.tableMissing()) {
                table.create(c);
            }
            // The name first: when it is taken, another shard's identity is there (one database, two urls).
            if (table.insertIfAbsent(c, layout, ShardRecord.SHARD_NAME, shard.name(), "")) {
                table.insertIfAbsent(c, layout, ShardRecord.SHARD_INDEX, Integer.toString(shard.index()), "");
                table.insertIfAbsent(c, layout, ShardRecord.DATABASE_ID, UUID.randomUUID().toString(), "");
                writeMissing(c, shard, new ShardRecord(shard.name(), shard.index(), "", Map.of(), Map.of()),
                        stampedAll);
            }
            ShardReading after = reread(c, shard);
            ShardRecord record = after.record();
            if (record == null) {
                out.problems.add(problems.foreignIdentity(shard, after.foreignIdentity(),
                        String.valueOf(after.foreign())));
                return;
            }
            List<LayoutProblem> found = compare(shard, record, records);
            if (!found.isEmpty()) {
                out.problems.addAll(found);
                return;
            }
            records.put(shard.name(), record);
            out.verified.put(shard.name(), record);
            out.stamped.add(shard.name());
        } catch (SQLException ex) {
            throw unwritable(shard, ex);
        }
    }

    /**
     * Brings a verified shard's members and rules up to date; touches the database only when one is missing. Best
     * effort: the shard's identity checked out, and what is not written now is written by a later check (a failure
     * here must not keep another shard, the one being checked, closed).
     */
    private void record(Shard shard, ShardRecord record, Set<String> stampedAll, Outcome out) {
        if (!needsWrite(shard, record, stampedAll)) {
            return;
        }
        try (Connection c = shard.rawDataSource().getConnection()) {
            writeMissing(c, shard, record, stampedAll);
            ShardRecord updated = reread(c, shard).record();
            if (updated != null && out.verified.containsKey(shard.name())) {
                out.verified.put(shard.name(), updated);
            }
        } catch (SQLException | RuntimeException ex) {
            LayoutFence.LOG.warn("shardkit layout '{}': shard '{}': could not record the layout's members and rules "
                    + "in table {} (written by a later check): {}", settings.layout(), shard.name(),
                    settings.table().name(), ex.getMessage());
        }
    }

    private ShardReading reread(Connection c, Shard shard) throws SQLException {
        List<LayoutTable.Row> rows = settings.table().read(c);
        return ShardReading.of(shard, rows == null ? List.of() : rows, settings.layout());
    }

    private boolean needsWrite(Shard shard, ShardRecord record, Set<String> stampedAll) {
        for (Shard member : shards) {
            ShardRecord.Member m = record.members().get(member.name());
            if (m == null || !m.stamped() && stampedAll.contains(member.name())) {
                return true;
            }
        }
        for (RuleFingerprint now : fingerprintsOf(shard)) {
            ShardRecord.Mark stored = record.rules().get(now.rule());
            if (stored == null || !stored.hash().equals(now.hash())) {
                return true;
            }
        }
        return false;
    }

    private void writeMissing(Connection c, Shard shard, ShardRecord record, Set<String> stampedAll)
            throws SQLException {
        String layout = settings.layout();
        LayoutTable table = settings.table();
        for (Shard member : shards) {
            ShardRecord.Member m = record.members().get(member.name());
            boolean stamped = stampedAll.contains(member.name());
            String state = stamped ? ShardRecord.STAMPED : ShardRecord.PENDING;
            String entry = ShardRecord.MEMBER + member.name();
            if (m == null) {
                table.insertIfAbsent(c, layout, entry, Integer.toString(member.index()), state);
            } else if (!m.stamped() && stamped) {
                table.update(c, layout, entry, Integer.toString(member.index()), state);
            }
        }
        for (RuleFingerprint now : fingerprintsOf(shard)) {
            ShardRecord.Mark stored = record.rules().get(now.rule());
            if (stored == null) {
                table.insertIfAbsent(c, layout, ShardRecord.RULE + now.rule(), now.hash(), now.text());
            } else if (!stored.hash().equals(now.hash())) {
                LayoutFence.LOG.warn("shardkit layout '{}': shard '{}': rule '{}' changed on purpose from {} to {}",
                        layout, shard.name(), now.rule(), stored.text(), now.text());
                table.update(c, layout, ShardRecord.RULE + now.rule(), now.hash(), now.text());
            }
        }
    }

    private Shard shardNamed(String name) {
        for (Shard shard : shards) {
            if (shard.name().equals(name)) {
                return shard;
            }
        }
        throw new IllegalStateException("no shard " + name);
    }

    private static List<String> witnesses(String shard, Map<String, ShardRecord> records) {
        List<String> witnesses = new ArrayList<>();
        records.forEach((name, record) -> {
            ShardRecord.Member member = record.members().get(shard);
            if (member != null && member.stamped()) {
                witnesses.add(name);
            }
        });
        return witnesses;
    }

    private ShardUnavailableException unwritable(Shard shard, SQLException ex) {
        return new ShardUnavailableException(shard.name(), "could not write its layout identity to table "
                + settings.table().name() + ": " + ex.getMessage(), ex);
    }

    /** What a run found, by shard. */
    static final class Outcome {
        final Map<String, ShardRecord> verified = new LinkedHashMap<>();
        final List<String> stamped = new ArrayList<>();
        final Map<String, Exception> down = new LinkedHashMap<>();
        final List<LayoutProblem> problems = new ArrayList<>();
    }

    private List<RuleFingerprint> fingerprintsOf(Shard shard) {
        return Objects.requireNonNull(byShard.get(shard.name()), shard.name());
    }
}
