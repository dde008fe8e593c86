package io.shardkit.examples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.shardkit.examples.RunningService;
import io.shardkit.examples.stats.StatsService;
import io.shardkit.outbox.OutboxRelay;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cross-shard endpoints over HTTP: the time-window listing (scatter-gather, newest first, paged), stats,
 * the outbox event log and the merchant move, with their bad inputs. 40 orders placed once, on 4 shards.
 */
class ReportingApiIT {

    private static final int ORDERS = 40;

    private static ConfigurableApplicationContext context;
    private static MockMvc http;
    private static JsonMapper json;
    private static Instant from;
    private static Instant to;
    private static final List<JsonNode> PLACED = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        context = RunningService.start(4, 10, true);
        http = MockMvcBuilders.webAppContextSetup((WebApplicationContext) context).build();
        json = context.getBean(JsonMapper.class);
        from = Instant.now().minusSeconds(1);
        for (int i = 0; i < ORDERS; i++) {
            PLACED.add(OrderApiIT.place(http, json, OrderApiIT.order(1_000 + i * 37L, 1 + i % 10, 500L * (i + 1))));
        }
        to = Instant.now().plusSeconds(1);
        drain();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static void drain() {
        OutboxRelay relay = context.getBean(OutboxRelay.class);
        while (relay.drainOnce() > 0) {
            // Each pass publishes what was pending; none left means every event is out.
        }
    }

    private static JsonNode getJson(String url, String... params) throws Exception {
        var request = get(url);
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return json.readTree(http.perform(request).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
    }

    @Test
    void windowListingPagesThroughEveryShardNewestFirstExactlyOnce() throws Exception {
        List<Long> seen = new ArrayList<>();
        Set<String> shards = new HashSet<>();
        String token = null;
        do {
            JsonNode page = token == null
                    ? getJson("/orders", "from", from.toString(), "to", to.toString(), "limit", "7")
                    : getJson("/orders", "from", from.toString(), "to", to.toString(), "limit", "7",
                    "pageToken", token);
            assertThat(page.get("orders").size()).isLessThanOrEqualTo(7);
            page.get("orders").forEach(o -> {
                seen.add(o.get("id").asLong());
                shards.add(o.get("shard").asString());
            });
            token = page.get("nextPageToken").isNull() ? null : page.get("nextPageToken").asString();
        } while (token != null);

        // The oracle: every placed order, sorted as one database would sort them.
        List<JsonNode> expected = new ArrayList<>(PLACED);
        expected.sort(Comparator.comparing((JsonNode o) -> Instant.parse(o.get("createdAt").asString()))
                .thenComparingLong(o -> o.get("id").asLong()).reversed());
        assertThat(seen).containsExactlyElementsOf(expected.stream().map(o -> o.get("id").asLong()).toList());
        assertThat(shards).hasSizeGreaterThan(1);
    }

    @Test
    void windowListingRefusesBadInput() throws Exception {
        http.perform(get("/orders").param("from", "yesterday").param("to", to.toString()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value(
                        org.hamcrest.Matchers.containsString("from must be an ISO-8601 instant")));
        http.perform(get("/orders").param("from", to.toString()).param("to", from.toString()))
                .andExpect(status().isBadRequest());
        http.perform(get("/orders").param("from", from.toString())).andExpect(status().isBadRequest());
        http.perform(get("/orders").param("from", from.toString()).param("to", to.toString())
                .param("pageToken", "A".repeat(50))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Invalid page token"));
    }

    @Test
    void statsAddUpOverShards() throws Exception {
        JsonNode stats = getJson("/stats");
        long orders = 0;
        long revenue = 0;
        for (JsonNode shard : stats.get("shards")) {
            orders += shard.get("orders").asLong();
            revenue += shard.get("revenueCents").asLong();
        }
        long expectedRevenue = PLACED.stream().mapToLong(o -> o.get("totalCents").asLong()).sum();
        assertThat(stats.get("shards").size()).isEqualTo(4);
        assertThat(stats.get("orders").asLong()).isGreaterThanOrEqualTo(ORDERS).isEqualTo(orders);
        assertThat(stats.get("revenueCents").asLong()).isEqualTo(revenue).isGreaterThanOrEqualTo(expectedRevenue);
        assertThat(stats.get("fanOutMicros").asLong()).isPositive();
        // The @ScatterGather count, summed by the starter, agrees with the per-shard breakdown.
        assertThat(context.getBean(StatsService.class).orderCount()).isEqualTo(orders);
        // The seeding broadcast put all 10 merchants' profiles on every shard; each merchant's home row on one.
        long homes = 0;
        for (JsonNode shard : stats.get("shards")) {
            assertThat(shard.get("merchantProfiles").asLong()).isEqualTo(10);
            homes += shard.get("merchants").asLong();
        }
        assertThat(homes).isEqualTo(10);
    }

    @Test
    void everyPlacedOrderHasExactlyOnePublishedEvent() throws Exception {
        JsonNode log = getJson("/outbox/events", "limit", "1000");
        List<String> orderIds = new ArrayList<>();
        log.get("events").forEach(e -> orderIds.add(e.get("event").get("aggregateId").asString()));
        for (JsonNode placed : PLACED) {
            assertThat(orderIds).containsOnlyOnce(placed.get("id").asString());
        }
        assertThat(log.get("published").asLong()).isEqualTo(orderIds.size());
        JsonNode stats = getJson("/stats");
        assertThat(stats.get("outboxPending").asLong()).isZero();
        assertThat(stats.get("outboxPublished").asLong()).isEqualTo(stats.get("orders").asLong());
        http.perform(get("/outbox/events").param("limit", "0")).andExpect(status().isBadRequest());
    }

    @Test
    void merchantMovesToAnotherShardAndBadMovesAreRefused() throws Exception {
        String from = getJson("/admin/merchants/4").get("shard").asString();
        String target = from.equals("shard-3") ? "shard-0" : "shard-3";

        http.perform(post("/admin/merchants/4/move").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"toShard\":\"" + target + "\"}")).andExpect(status().isOk())
                .andExpect(jsonPath("$.from").value(from)).andExpect(jsonPath("$.to").value(target));
        assertThat(getJson("/admin/merchants/4").get("shard").asString()).isEqualTo(target);
        http.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(OrderApiIT.order(9, 4, 100)))
                .andExpect(status().isCreated());

        http.perform(post("/admin/merchants/4/move").contentType(MediaType.APPLICATION_JSON)
                .content("{\"toShard\":\"shard-9\"}")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Unknown shard"));
        http.perform(post("/admin/merchants/999/move").contentType(MediaType.APPLICATION_JSON)
                .content("{\"toShard\":\"shard-1\"}")).andExpect(status().isNotFound());
        http.perform(post("/admin/merchants/4/move").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest());
        http.perform(get("/admin/merchants/999")).andExpect(status().isNotFound());
    }
}
