package io.shardkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.shardkit.ShardingConfigurationException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** A page token secret too short to sign with fails the start, naming the property to fix. */
class PageTokenSecretIT {

    @Test
    void aShortSecretFailsTheStartNamingTheProperty() {
        Throwable failure = catchThrowable(() -> RunningService.start(2, 1, false,
                "--orders-demo.page-token-secret=too-short").close());

        ShardingConfigurationException cause = configurationError(failure);
        assertThat(cause).as("a ShardingConfigurationException behind %s", failure).isNotNull();
        assertThat(cause.getProperty()).isEqualTo(OrderServiceConfiguration.PAGE_TOKEN_SECRET);
        assertThat(cause.getMessage()).contains("at least 32 bytes");
    }

    private static @Nullable ShardingConfigurationException configurationError(@Nullable Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ShardingConfigurationException e) {
                return e;
            }
        }
        return null;
    }
}
