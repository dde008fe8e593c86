package io.shardkit.outbox.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.testing.PackageRules;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Kafka module's packages form no cycle, expose no core internal type, and keep their API baseline. */
class PackageRulesTest {

    private static final Path CLASSES = Path.of("target", "classes");

    @Test
    void packagesFormNoCycle() {
        assertThat(PackageRules.cycles(PackageRules.dependencies(CLASSES))).as("package cycles").isEmpty();
    }

    @Test
    void noPublicSignatureExposesAnInternalType() {
        assertThat(PackageRules.internalExposures(CLASSES, getClass().getClassLoader())).isEmpty();
    }

    /** The public contract changes only on purpose: {@code api/sharding-outbox-kafka.api} is its reviewed baseline. */
    @Test
    void publicApiMatchesItsBaseline() {
        PackageRules.checkApiBaseline(CLASSES, getClass().getClassLoader(), Path.of("api", "sharding-outbox-kafka.api"));
    }
}
