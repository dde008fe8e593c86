package io.shardkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.testing.PackageRules;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Core's packages form no cycle, no public signature outside an {@code internal} package names its types, and the
 * public API matches its committed baseline.
 */
class PackageRulesTest {

    private static final Path CLASSES = Path.of("target", "classes");

    /**
     * The outbox's package and its {@code internal} package still use each other; breaking that belongs to the
     * outbox's own work. Any other cycle fails here.
     */
    private static final List<Set<String>> KNOWN = List.of(Set.of("io.shardkit.outbox", "io.shardkit.outbox.internal"));

    @Test
    void packagesFormNoCycle() {
        assertThat(PackageRules.cycles(PackageRules.dependencies(CLASSES))).as("package cycles").isEqualTo(KNOWN);
    }

    @Test
    void theRootPackageDependsOnNoOtherShardkitPackage() {
        assertThat(PackageRules.dependencies(CLASSES).get("io.shardkit")).as("what io.shardkit uses")
                .isEmpty();
    }

    @Test
    void noPublicSignatureExposesAnInternalType() {
        assertThat(PackageRules.internalExposures(CLASSES, getClass().getClassLoader())).isEmpty();
    }

    /** The public contract changes only on purpose: {@code api/sharding-core.api} is its reviewed baseline. */
    @Test
    void publicApiMatchesItsBaseline() {
        PackageRules.checkApiBaseline(CLASSES, getClass().getClassLoader(), Path.of("api", "sharding-core.api"));
    }
}
