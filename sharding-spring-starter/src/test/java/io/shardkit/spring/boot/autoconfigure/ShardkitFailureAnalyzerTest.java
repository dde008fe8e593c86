package io.shardkit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.ShardKeyResolutionException;
import io.shardkit.ShardUnavailableException;
import io.shardkit.layout.LayoutMismatchException;
import io.shardkit.layout.LayoutProblem;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/** Every shardkit start-up failure becomes Spring Boot's "APPLICATION FAILED TO START" report. */
@ExtendWith(OutputCaptureExtension.class)
class ShardkitFailureAnalyzerTest {

    @Test
    void aMisspeltPropertyIsReportedWithTheActionByABootApplication(CapturedOutput output) {
        SpringApplication app = new SpringApplication(App.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        String url = "jdbc:h2:mem:analyzer-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        assertThatThrownBy(() -> app.run("--shardkit.shards.shard-0.url=" + url, "--shardkit.default-rul=orders"))
                .isInstanceOf(Exception.class);
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Description:\n\nshardkit could not start: property 'shardkit.default-rul' is wrong.\n\n"
                        + "Invalid configuration at 'shardkit.default-rul': unknown property 'shardkit.default-rul' "
                        + "(from \"shardkit.default-rul\" from property source \"commandLineArgs\"); did you mean "
                        + "'shardkit.default-rule'?")
                .contains("Action:\n\nCorrect or remove it; shardkit.fail-on-unknown-properties=false logs unknown "
                        + "properties instead of failing the start.");
    }

    @Test
    void aConfigurationFailureWithoutItsOwnActionSaysWhereToCorrectIt() {
        FailureAnalysis analysis = new ShardkitFailureAnalyzer().analyze(new RuntimeException("wrapped",
                ConfigPath.shard("shard-0").child("pool").child("maximum-pool-size").fail("must be >= 1 but was 0")));
        assertThat(analysis.getDescription()).isEqualTo("shardkit could not start: property "
                + "'shardkit.shards.shard-0.pool.maximum-pool-size' is wrong.\n\nInvalid configuration at "
                + "'shardkit.shards.shard-0.pool.maximum-pool-size': must be >= 1 but was 0");
        assertThat(analysis.getAction()).isEqualTo("Correct 'shardkit.shards.shard-0.pool.maximum-pool-size' in "
                + "your configuration (application.yml, application.properties, environment variables or "
                + "command-line arguments).");
    }

    @Test
    void aKeyThatCannotBeResolvedSaysToCorrectTheAnnotatedMethodsKey() {
        FailureAnalysis analysis = new ShardkitFailureAnalyzer().analyze(new RuntimeException("wrapped",
                ShardKeyResolutionException.unknownVariable("orders", "#id", "Orders.amount(long)", "id",
                        List.of("arg0"))));
        assertThat(analysis.getDescription()).startsWith("shardkit could not start: Rule 'orders': could not resolve"
                + " the shard key [#id] of Orders.amount(long)");
        assertThat(analysis.getAction()).isEqualTo("Correct the key of the method named above: the annotation's key"
                + " (a SpEL expression over the method's parameters, e.g. #order.customerId) or the one parameter"
                + " annotated @ShardKey.");
    }

    @Test
    void aShardThatMustBeReachableAndIsNotSaysHowToStartWithoutIt() {
        FailureAnalysis analysis = new ShardkitFailureAnalyzer().analyze(new RuntimeException("wrapped",
                new ShardUnavailableException("shard-3", "its pool could not start", null)));
        assertThat(analysis.getDescription()).isEqualTo("shardkit could not start: Shard 'shard-3' is unavailable: "
                + "its pool could not start");
        assertThat(analysis.getAction()).isEqualTo("Check that shard 'shard-3' is reachable (shardkit.shards.shard-3"
                + ".url, credentials, network); or, to start without it, set shardkit.shards.shard-3.fail-on-startup"
                + "=false.");
    }

    @Test
    void aLayoutMismatchNamesThePropertyOfEachFix() {
        LayoutMismatchException mismatch = LayoutMismatchException.of("default", List.of(
                new LayoutProblem("shard-1", LayoutProblem.Kind.SWAPPED, "", "the identity of shard 'shard-1'",
                        "the identity of shard 'shard-2'", "swap the urls of shards 'shard-1' and 'shard-2' back",
                        "shard-2"),
                new LayoutProblem("shard-0", LayoutProblem.Kind.RULE_CHANGED, "orders", "new", "old",
                        "revert rule 'orders'", "0123456789abcdef"),
                new LayoutProblem("shard-3", LayoutProblem.Kind.INDEX_CHANGED, "", "index 2", "index 3",
                        "give shard 'shard-3' index 3 again", "3")));
        FailureAnalysis analysis = new ShardkitFailureAnalyzer().analyze(mismatch);
        assertThat(analysis.getDescription()).isEqualTo("shardkit could not start: " + mismatch.getMessage());
        assertThat(analysis.getAction()).isEqualTo("Shard 'shard-1': swap the urls of shards 'shard-1' and 'shard-2'"
                + " back.\n    Check shardkit.shards.shard-1.url.\n"
                + "Shard 'shard-0': revert rule 'orders'.\n    To accept it: "
                + "shardkit.layout.accepted-changes.orders=0123456789abcdef\n"
                + "Shard 'shard-3': give shard 'shard-3' index 3 again.\n    shardkit.shards.shard-3.index=3");
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ShardkitAutoConfiguration.class)
    static class App {
    }
}
