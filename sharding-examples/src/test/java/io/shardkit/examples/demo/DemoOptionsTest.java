package io.shardkit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void noFlagsGiveTheDefaults() {
        DemoOptions o = DemoOptions.parse();
        assertThat(o).isEqualTo(DemoOptions.defaults());
        assertThat(o.orders()).isEqualTo(100_000);
        assertThat(o.shards()).isEqualTo(4);
        assertThat(o.serve()).isFalse();
    }

    @Test
    void flagsOverrideDefaultsAndSpringArgsPassThrough() {
        DemoOptions o = DemoOptions.parse("--orders=2_000", "--threads=3", "--shards=2", "--serve",
                "--spring.profiles.active=postgres", "--no-progress", "--server.port=0");
        assertThat(o.orders()).isEqualTo(2_000);
        assertThat(o.threads()).isEqualTo(3);
        assertThat(o.shards()).isEqualTo(2);
        assertThat(o.serve()).isTrue();
        assertThat(o.progress()).isFalse();
        assertThat(o.springArgs()).containsExactly("--spring.profiles.active=postgres", "--server.port=0");
    }

    @Test
    void typosAndBadNumbersAreRefusedNamingTheFlag() {
        assertThatThrownBy(() -> DemoOptions.parse("--order=5")).hasMessageContaining("[--order=5]");
        assertThatThrownBy(() -> DemoOptions.parse("--orders=lots")).hasMessageContaining("--orders")
                .hasMessageContaining("[lots]");
        assertThatThrownBy(() -> DemoOptions.parse("--shards=0")).hasMessageContaining("--shards must be at least 1");
        assertThatThrownBy(() -> DemoOptions.parse("--shards=2000")).hasMessageContaining("at most 1024");
        assertThatThrownBy(() -> DemoOptions.parse("--threads=-1")).hasMessageContaining("--threads");
    }

    @Test
    void compareRoundsAndHelp() {
        DemoOptions o = DemoOptions.parse("--compare", "--rounds=5", "--orders=1000");
        assertThat(o.compare()).isTrue();
        assertThat(o.rounds()).isEqualTo(5);
        assertThat(o.help()).isFalse();
        assertThat(DemoOptions.defaults().compare()).isFalse();
        assertThat(DemoOptions.defaults().rounds()).isEqualTo(DemoOptions.DEFAULT_ROUNDS);
        assertThat(DemoOptions.parse("--help").help()).isTrue();
        assertThat(DemoOptions.parse("-h").help()).isTrue();
        assertThatThrownBy(() -> DemoOptions.parse("--rounds=0")).hasMessageContaining("--rounds must be at least 1");
    }

    @Test
    void reshardToCreatesThatManyShardsAndNeedsMoreThanTheStartingOnesAndNoComparison() {
        DemoOptions options = DemoOptions.parse("--reshard-to=8");
        assertThat(options.reshardTo()).isEqualTo(8);
        assertThat(options.shards()).isEqualTo(DemoOptions.DEFAULT_SHARDS);
        assertThat(options.embeddedShards()).isEqualTo(8);
        assertThat(DemoOptions.defaults().embeddedShards()).isEqualTo(DemoOptions.DEFAULT_SHARDS);
        assertThatThrownBy(() -> DemoOptions.parse("--reshard-to=4"))
                .hasMessage("--reshard-to must be more than --shards (4) and at most 1024 but was 4");
        assertThatThrownBy(() -> DemoOptions.parse("--shards=2", "--reshard-to=2000"))
                .hasMessageContaining("at most 1024 but was 2000");
        assertThatThrownBy(() -> DemoOptions.parse("--reshard-to=8", "--compare"))
                .hasMessageStartingWith("--reshard-to and --compare do not go together");
    }

    @Test
    void theHelpTextNamesEveryFlag() {
        assertThat(DemoOptions.helpText()).contains("--orders=N", "--threads=T", "--shards=S", "--customers=C",
                "--merchants=M", "--compare", "--rounds=R", "--reshard-to=N", "--no-progress", "--serve", "--help",
                "--spring.profiles.active=postgres");
    }
}
