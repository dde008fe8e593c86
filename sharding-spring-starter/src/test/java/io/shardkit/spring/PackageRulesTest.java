package io.shardkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.testing.PackageRules;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The starter's packages form no cycle (the fan-out advice builds on the shared {@code aop} part, never the
 * other way), and no public signature names a core {@code internal} type.
 */
class PackageRulesTest {

    private static final Path CLASSES = Path.of("target", "classes");

    @Test
    void packagesFormNoCycle() {
        assertThat(PackageRules.cycles(PackageRules.dependencies(CLASSES))).as("package cycles").isEmpty();
    }

    @Test
    void theSharedAdvicePartDoesNotDependOnTheFanOut() {
        assertThat(PackageRules.dependencies(CLASSES).get("io.shardkit.spring.aop"))
                .doesNotContain("io.shardkit.spring.aop.fanout");
    }

    @Test
    void noPublicSignatureExposesAnInternalType() {
        assertThat(PackageRules.internalExposures(CLASSES, getClass().getClassLoader())).isEmpty();
    }

    /** The public contract changes only on purpose: {@code api/sharding-spring-starter.api} is its reviewed baseline. */
    @Test
    void publicApiMatchesItsBaseline() {
        PackageRules.checkApiBaseline(CLASSES, getClass().getClassLoader(), Path.of("api", "sharding-spring-starter.api"));
    }
}
