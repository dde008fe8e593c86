package io.shardkit.it.support;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RealServersTest {

    @Test
    void missingServerSkipsOutsideCiWithTheMessage() {
        assertThatThrownBy(() -> RealServers.unavailable("MariaDB is not reachable; start it with: x", false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("MariaDB is not reachable; start it with: x");
    }

    @Test
    void missingServerFailsUnderCi() {
        assertThatThrownBy(() -> RealServers.unavailable("MariaDB is not reachable; start it with: x", true))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("CI=true").hasMessageContaining("start it with: x");
    }

    @Test
    void everyServerSaysHowToStartIt() {
        for (RealServer server : RealServer.values()) {
            assertThatThrownBy(() -> RealServers.unavailable(server.startHint(), false))
                    .hasMessageContaining("start it with: ");
        }
    }
}
