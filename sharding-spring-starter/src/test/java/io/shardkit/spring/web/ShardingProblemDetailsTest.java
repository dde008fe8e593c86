package io.shardkit.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.shardkit.CrossShardTransactionException;
import io.shardkit.InvalidShardKeyException;
import io.shardkit.KeyOutOfRangeException;
import io.shardkit.NoShardBoundException;
import io.shardkit.ShardKeyResolutionException;
import io.shardkit.ShardPoolState;
import io.shardkit.ShardUnavailableException;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.UnknownShardException;
import io.shardkit.scatter.paging.InvalidPageTokenException;
import io.shardkit.scatter.ScatterGatherException;
import io.shardkit.scatter.ShardCircuitOpenException;
import io.shardkit.scatter.ShardTimeoutException;
import io.shardkit.spring.boot.autoconfigure.ShardkitAutoConfiguration;
import io.shardkit.spring.boot.autoconfigure.ShardkitProblemDetailsAutoConfiguration;
import io.shardkit.spring.boot.autoconfigure.ShardkitTransactionAutoConfiguration;
import io.shardkit.spring.boot.autoconfigure.ShardkitTransactionFailuresAutoConfiguration;
import io.shardkit.spring.testing.TestShards;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * shardkit's exceptions answered as RFC 9457 problem details over MockMvc, with the advice the starter's
 * auto-configuration declares when {@code shardkit.problem-details.enabled=true}: the status, type, title,
 * detail and properties of each kind, {@code Retry-After} on a 503, and the advice's place before an
 * application's catch-all handler.
 */
class ShardingProblemDetailsTest {

    private static final String TYPES = "https://shardkit.io/problems/";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ShardkitProblemDetailsAutoConfiguration.class))
            .withUserConfiguration(Web.class)
            .withPropertyValues("shardkit.problem-details.enabled=true");

    @Test
    void aShardThatIsDownIs503WithRetryAfterNamingTheShard() {
        runner.run(context -> mvc(context).perform(get("/fail/unavailable"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(TYPES + "shard-unavailable"))
                .andExpect(jsonPath("$.title").value("Shard unavailable"))
                .andExpect(jsonPath("$.status").value(503))
                .andExpect(jsonPath("$.detail").value(Failures.UNAVAILABLE.get().getMessage()))
                .andExpect(jsonPath("$.shard").value("shard-2")));
    }

    @Test
    void retryAfterIsConfiguredAndRoundedUpToWholeSeconds() {
        runner.withPropertyValues("shardkit.problem-details.retry-after=1500ms")
                .run(context -> mvc(context).perform(get("/fail/unavailable"))
                        .andExpect(header().string("Retry-After", "2")));
    }

    @Test
    void aFanOutThatFailedOnADownShardIs503NamingThatShard() {
        runner.run(context -> mvc(context).perform(get("/fail/fan-out-unavailable"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.type").value(TYPES + "shard-unavailable"))
                .andExpect(jsonPath("$.shard").value("shard-2")));
    }

    @Test
    void anOpenBreakerOrATimedOutShardIs503Too() {
        runner.run(context -> {
            MockMvc mvc = mvc(context);
            mvc.perform(get("/fail/breaker")).andExpect(status().isServiceUnavailable())
                    .andExpect(header().exists("Retry-After"))
                    .andExpect(jsonPath("$.type").value(TYPES + "shard-unavailable"));
            mvc.perform(get("/fail/timeout")).andExpect(status().isServiceUnavailable())
                    .andExpect(header().exists("Retry-After"))
                    .andExpect(jsonPath("$.type").value(TYPES + "shard-timeout"))
                    .andExpect(jsonPath("$.rule").value("orders"))
                    .andExpect(jsonPath("$.shard").value("shard-1"));
        });
    }

    @Test
    void keyTokenAndShardNameErrorsAre400WithoutRetryAfter() {
        Map<String, String> kinds = Map.of("invalid-key", "invalid-shard-key", "out-of-range", "invalid-shard-key",
                "unresolvable-key", "invalid-shard-key", "page-token", "invalid-page-token",
                "unknown-shard", "unknown-shard");
        runner.run(context -> {
            MockMvc mvc = mvc(context);
            for (Map.Entry<String, String> kind : kinds.entrySet()) {
                mvc.perform(get("/fail/" + kind.getKey())).andExpect(status().isBadRequest())
                        .andExpect(header().doesNotExist("Retry-After"))
                        .andExpect(jsonPath("$.type").value(TYPES + kind.getValue()))
                        .andExpect(jsonPath("$.rule").value("orders"));
            }
        });
    }

    @Test
    void aCrossShardUnitOfWorkIs500NamingBothShards() {
        runner.run(context -> mvc(context).perform(get("/fail/cross-shard"))
                .andExpect(status().isInternalServerError())
                .andExpect(header().doesNotExist("Retry-After"))
                .andExpect(jsonPath("$.type").value(TYPES + "cross-shard-transaction"))
                .andExpect(jsonPath("$.title").value("Cross-shard unit of work"))
                .andExpect(jsonPath("$.shard").value("shard-1"))
                .andExpect(jsonPath("$.boundShard").value("shard-0")));
    }

    @Test
    void noShardBoundIs500NamingTheMethod() {
        runner.run(context -> mvc(context).perform(get("/fail/no-shard"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.type").value(TYPES + "no-shard-bound"))
                .andExpect(jsonPath("$.method").value("OrderService.place(long)"))
                .andExpect(jsonPath("$.detail").value(Failures.NO_SHARD.get().getMessage())));
    }

    @Test
    void anyOtherShardingFailureIs500() {
        runner.run(context -> mvc(context).perform(get("/fail/configuration"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.type").value(TYPES + "sharding-error")));
    }

    @Test
    void itComesBeforeAnApplicationsCatchAllAdviceAndLeavesOtherExceptionsToIt() {
        runner.withUserConfiguration(CatchAll.class).run(context -> {
            MockMvc mvc = mvc(context);
            mvc.perform(get("/fail/unavailable")).andExpect(status().isServiceUnavailable());
            mvc.perform(get("/fail/not-sharding")).andExpect(status().isIAmATeapot());
        });
    }

    @Test
    void itIsOffUnlessEnabledAndABadRetryAfterFailsTheStartNamingTheProperty() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ShardkitProblemDetailsAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(ShardingProblemDetails.class));
        runner.run(context -> assertThat(context).hasSingleBean(ShardingProblemDetails.class));
        runner.withPropertyValues("shardkit.problem-details.retry-after=0s").run(context ->
                assertThat(context).getFailure().rootCause().isInstanceOf(ShardingConfigurationException.class)
                        .hasMessage("Invalid configuration at 'shardkit.problem-details.retry-after': must be a "
                                + "positive duration but was PT0S"));
    }

    @Test
    void aTransactionalCallWithNoShardBoundAnswersNoShardBoundNamingTheMethodNotSpringsWrapper() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ShardkitAutoConfiguration.class,
                        ShardkitTransactionAutoConfiguration.class, ShardkitTransactionFailuresAutoConfiguration.class,
                        ShardkitProblemDetailsAutoConfiguration.class))
                .withUserConfiguration(Web.class, Placing.class)
                .withPropertyValues(TestShards.withOrdersRule("problem-details"))
                .withPropertyValues("shardkit.problem-details.enabled=true")
                .run(context -> mvc(context).perform(get("/place"))
                        .andExpect(status().isInternalServerError())
                        .andExpect(jsonPath("$.type").value(TYPES + "no-shard-bound"))
                        .andExpect(jsonPath("$.method").value("PlacingService.place(long)"))
                        .andExpect(jsonPath("$.detail").value(startsWith(
                                "No shard is bound to thread [")))
                        .andExpect(jsonPath("$.detail").value(containsString(
                                "] while PlacingService.place(long) began its transaction"))));
    }

    private static MockMvc mvc(AssertableWebApplicationContext context) {
        return MockMvcBuilders.webAppContextSetup(context).build();
    }

    /** The exceptions the controller throws, one per path. */
    private enum Failures implements Supplier<RuntimeException> {
        UNAVAILABLE(() -> ShardUnavailableException.noConnection("shard-2", new ShardPoolState(4, 0, 0, 2),
                new SQLException("Connection is not available, request timed out after 3000ms"))),
        FAN_OUT_UNAVAILABLE(() -> ScatterGatherException.shardFailed("orders", "shard-2", UNAVAILABLE.get())),
        BREAKER(() -> new ShardCircuitOpenException("orders", "shard-1", "orders-shard-1", "OPEN")),
        TIMEOUT(() -> new ShardTimeoutException("orders", "shard-1", Duration.ofSeconds(2), false)),
        INVALID_KEY(() -> InvalidShardKeyException.unsupported("orders", null, "a non-null key")),
        OUT_OF_RANGE(() -> KeyOutOfRangeException.of("orders", 42L, "[0..10)")),
        UNRESOLVABLE_KEY(() -> ShardKeyResolutionException.failed("orders", "#order.customer.id",
                "OrderService.place(Order)", new NullPointerException("customer is null"))),
        PAGE_TOKEN(() -> InvalidPageTokenException.forged("orders")),
        UNKNOWN_SHARD(() -> new UnknownShardException("orders", "shard-9", List.of("shard-0", "shard-1"))),
        CROSS_SHARD(() -> CrossShardTransactionException.connectionOfAnotherShard("shard-0", "shard-1",
                "prepareStatement", true, "OrderService.placeTwo")),
        NO_SHARD(() -> NoShardBoundException.beganTransaction("OrderService.place(long)",
                new NoShardBoundException("shardkit-routing"))),
        CONFIGURATION(() -> new ShardingConfigurationException("rule 'orders' is not configured")),
        NOT_SHARDING(() -> new IllegalStateException("not shardkit's"));

        private final Supplier<RuntimeException> failure;

        Failures(Supplier<RuntimeException> failure) {
            this.failure = failure;
        }

        @Override
        public RuntimeException get() {
            return failure.get();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebMvc
    static class Web {

        @Bean
        FailingController failingController() {
            return new FailingController();
        }
    }

    @RestController
    static class FailingController {

        @GetMapping("/fail/{kind}")
        String fail(@PathVariable String kind) {
            throw Failures.valueOf(kind.toUpperCase().replace('-', '_')).get();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableTransactionManagement
    static class Placing {

        @Bean
        PlacingService placingService(JdbcTemplate jdbc) {
            return new PlacingService(jdbc);
        }

        @Bean
        JdbcTemplate jdbcTemplate(DataSource routing) {
            return new JdbcTemplate(routing);
        }

        @Bean
        PlacingController placingController(PlacingService service) {
            return new PlacingController(service);
        }
    }

    /** A service whose transaction opens on whatever shard is bound: here none, as the controller forgot. */
    public static class PlacingService {
        private final JdbcTemplate jdbc;

        PlacingService(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Transactional
        public void place(long customerId) {
            jdbc.update("insert into orders (id, customer_id, amount) values (1, ?, 1)", customerId);
        }
    }

    @RestController
    static class PlacingController {
        private final PlacingService service;

        PlacingController(PlacingService service) {
            this.service = service;
        }

        @GetMapping("/place")
        String place() {
            service.place(7);
            return "placed";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CatchAll {

        @Bean
        CatchAllAdvice catchAllAdvice() {
            return new CatchAllAdvice();
        }
    }

    /** An application's own advice with a catch-all handler and no order, as many applications have. */
    @RestControllerAdvice
    static class CatchAllAdvice {

        @ExceptionHandler(Exception.class)
        ResponseEntity<String> anything(Exception ex) {
            return ResponseEntity.status(HttpStatus.I_AM_A_TEAPOT).body(ex.getMessage());
        }
    }
}
