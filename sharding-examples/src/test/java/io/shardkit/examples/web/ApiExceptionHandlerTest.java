package io.shardkit.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.ShardUnavailableException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;

class ApiExceptionHandlerTest {

    private final ApiExceptionHandler handler = new ApiExceptionHandler();

    @Test
    void aShardThatIsDownIs503NamingTheShardEvenWhenSpringWrapsIt() {
        ShardUnavailableException down = new ShardUnavailableException("shard-2", "could not get a connection", null);
        ProblemDetail p = handler.unexpected(new CannotCreateTransactionException("no connection", down));

        assertThat(p.getStatus()).isEqualTo(503);
        assertThat(p.getDetail()).contains("Shard 'shard-2' is unavailable");
        assertThat(p.getProperties()).containsEntry("shard", "shard-2");
    }

    @Test
    void anythingElseIsA500ThatRevealsNothing() {
        ProblemDetail p = handler.unexpected(new IllegalStateException("secret internals"));

        assertThat(p.getStatus()).isEqualTo(500);
        assertThat(p.getDetail()).doesNotContain("secret");
    }
}
