package io.shardkit.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.examples.RunningService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code --serve} shows besides the API, over real HTTP as the README's curl lines ask it: health per shard and
 * per shard's outbox, the shardkit meters, and the Prometheus scrape.
 */
class ActuatorIT {

    private static ConfigurableApplicationContext context;
    private static HttpClient client;
    private static String base;
    private static JsonMapper json;

    @BeforeAll
    static void start() throws Exception {
        context = RunningService.start(2, 2, true);
        client = HttpClient.newHttpClient();
        base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
        json = context.getBean(JsonMapper.class);
        HttpResponse<String> placed = client.send(HttpRequest.newBuilder(URI.create(base + "/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":42,\"merchantId\":1,\"items\":[{\"sku\":"
                        + "\"tea\",\"quantity\":1,\"unitPriceCents\":250}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void healthHasOneIndicatorPerShardAndPerShardOutbox() throws Exception {
        JsonNode health = json.readTree(get("/actuator/health", 200));
        assertThat(health.path("status").asString()).isEqualTo("UP");
        for (String shard : new String[] {"shard-0", "shard-1"}) {
            JsonNode indicator = health.path("components").path("shardkit").path("components").path(shard);
            assertThat(indicator.path("status").asString()).as(shard).isEqualTo("UP");
            assertThat(indicator.path("details").path("database").asString()).as(shard).isEqualTo("H2");
            assertThat(health.path("components").path("outbox").path("components").path(shard).path("status")
                    .asString()).as(shard + " outbox").isEqualTo("UP");
        }
    }

    @Test
    void theRoutedCallsMeterCountsThePlacedOrder() throws Exception {
        JsonNode meter = json.readTree(get("/actuator/metrics/shardkit.routed.calls?tag=rule:orders", 200));
        assertThat(meter.path("measurements").get(0).path("statistic").asString()).isEqualTo("COUNT");
        assertThat(meter.path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void prometheusScrapesTheShardkitAndPoolMeters() throws Exception {
        String scrape = get("/actuator/prometheus", 200);
        assertThat(scrape).contains("shardkit_routed_calls_seconds_count{", "rule=\"orders\"",
                "shardkit_outbox_pending{shard=\"shard-0\"}", "hikaricp_connections_active{pool=\"shard-1\"}");
    }

    private static String get(String path, int status) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        return response.body();
    }
}
