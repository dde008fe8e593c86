package io.shardkit.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.ShardUnavailableException;
import io.shardkit.scatter.ScatterGatherException;
import io.shardkit.scatter.paging.InvalidPageTokenException;
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
    void aFanOutFailingOnADownShardIs503NamingTheShard() {
        ShardUnavailableException down = new ShardUnavailableException("shard-1", "could not get a connection", null);
        ProblemDetail p = handler.sharding(ScatterGatherException.shardFailed("orders", "shard-1", down));

        assertThat(p.getStatus()).isEqualTo(503);
        assertThat(p.getProperties()).containsEntry("shard", "shard-1");
    }

    @Test
    void aRefusedPageTokenIs400NamingTheRule() {
        ProblemDetail p = handler.invalidPageToken(InvalidPageTokenException.forged("orders"));

        assertThat(p.getStatus()).isEqualTo(400);
        assertThat(p.getTitle()).isEqualTo("Invalid page token");
        assertThat(p.getProperties()).containsEntry("rule", "orders");
    }

    @Test
    void otherShardingFailuresAre500() {
        ProblemDetail p = handler.sharding(ScatterGatherException.mergeFailed("orders",
                new ArithmeticException("long overflow")));

        assertThat(p.getStatus()).isEqualTo(500);
    }

    @Test
    void anythingElseIsA500ThatRevealsNothing() {
        ProblemDetail p = handler.unexpected(new IllegalStateException("secret internals"));

        assertThat(p.getStatus()).isEqualTo(500);
        assertThat(p.getDetail()).doesNotContain("secret");
    }
}
