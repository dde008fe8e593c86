package io.shardkit.examples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardScope;
import io.shardkit.examples.RunningService;
import io.shardkit.examples.merchant.MerchantService;
import io.shardkit.examples.order.OrderRepository;
import io.shardkit.examples.stats.StatsService;
import io.shardkit.id.IdLayout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order endpoints over HTTP (MockMvc on the real application context, 4 embedded shards): placing, reading
 * by id, a customer's pages, several customers' latest orders ({@code @ScatterGather}), registering a merchant
 * ({@code @Broadcast}), and every kind of bad input, each answered with a problem document and nothing written.
 */
class OrderApiIT {

    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    private static ConfigurableApplicationContext context;
    private static MockMvc http;
    private static JsonMapper json;

    @BeforeAll
    static void start() {
        context = RunningService.start(4, 20, true);
        http = MockMvcBuilders.webAppContextSetup((WebApplicationContext) context).build();
        json = context.getBean(JsonMapper.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    static String order(long customer, long merchant, long... prices) {
        StringBuilder items = new StringBuilder();
        for (long price : prices) {
            items.append(items.isEmpty() ? "" : ",").append("{\"sku\":\"sku-").append(price)
                    .append("\",\"quantity\":2,\"unitPriceCents\":").append(price).append('}');
        }
        return "{\"customerId\":" + customer + ",\"merchantId\":" + merchant + ",\"items\":[" + items + "]}";
    }

    static JsonNode place(MockMvc http, JsonMapper json, String body) throws Exception {
        MvcResult r = http.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn();
        return json.readTree(r.getResponse().getContentAsString());
    }

    private long orderCount() {
        return context.getBean(StatsService.class).stats().orders();
    }

    @Test
    void placedOrderIsReadBackByIdAloneFromTheShardItsIdNames() throws Exception {
        JsonNode placed = place(http, json, order(101, 3, 1_250, 400));
        long id = placed.get("id").asLong();
        String shard = placed.get("shard").asString();

        assertThat(shard).isEqualTo("shard-" + IdLayout.DEFAULT.shardOf(id));
        assertThat(placed.get("totalCents").asLong()).isEqualTo(2 * 1_250 + 2 * 400);
        http.perform(get("/orders/" + id)).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.customerId").value(101))
                .andExpect(jsonPath("$.shard").value(shard))
                .andExpect(jsonPath("$.lines.length()").value(2))
                .andExpect(jsonPath("$.lines[0].sku").value("sku-1250"));
    }

    @Test
    void postAnswersCreatedWithLocation() throws Exception {
        http.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(order(102, 1, 999)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/orders/")));
    }

    @Test
    void unknownIdsAre404Problems() throws Exception {
        long neverIssued = IdLayout.DEFAULT.compose(1, 0, 0);
        http.perform(get("/orders/" + neverIssued)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.orderId").value(neverIssued))
                .andExpect(jsonPath("$.detail").value(containsString("shard-0")));
        long onShard9 = IdLayout.DEFAULT.compose(1, 9, 0);
        http.perform(get("/orders/" + onShard9)).andExpect(status().isNotFound());
        http.perform(get("/orders/-5")).andExpect(status().isNotFound());
        http.perform(get("/orders/abc")).andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", PROBLEM.toString()));
    }

    @Test
    void badBodiesAre400ProblemsAndWriteNothing() throws Exception {
        long before = orderCount();
        http.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content("{\"customerId\": 1, "))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.status").value(400));
        http.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(order(5, 1, -100)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Invalid order"))
                .andExpect(jsonPath("$.violations[0]").value(
                        "items[0].unitPriceCents must be 0 to 100000000 but was -100"));
        http.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content("{\"customerId\":0}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.violations.length()").value(3));
        http.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content("[1,2]"))
                .andExpect(status().isBadRequest());
        http.perform(post("/orders").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"customerId\":\"x\",\"merchantId\":1,\"items\":[]}"))
                .andExpect(status().isBadRequest());
        http.perform(post("/orders").contentType(MediaType.TEXT_PLAIN).content("hello"))
                .andExpect(status().isUnsupportedMediaType());
        assertThat(orderCount()).isEqualTo(before);
    }

    @Test
    void unknownMerchantIsA404ProblemAndWritesNothing() throws Exception {
        long before = orderCount();
        http.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(order(7, 999, 100)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.merchantId").value(999))
                .andExpect(header().string("Content-Type", PROBLEM.toString()));
        assertThat(orderCount()).isEqualTo(before);
    }

    @Test
    void customerOrdersPageNewestFirstWithSignedTokens() throws Exception {
        List<Long> placed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            placed.add(place(http, json, order(4242, 2, 100 + i)).get("id").asLong());
        }
        List<Long> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            var request = get("/customers/4242/orders").param("limit", "2");
            if (token != null) {
                request.param("pageToken", token);
            }
            JsonNode page = json.readTree(http.perform(request).andExpect(status().isOk()).andReturn()
                    .getResponse().getContentAsString());
            page.get("orders").forEach(o -> seen.add(o.get("id").asLong()));
            token = page.get("nextPageToken").isNull() ? null : page.get("nextPageToken").asString();
            pages++;
        } while (token != null);

        assertThat(pages).isEqualTo(3);
        Collections.reverse(placed);
        assertThat(seen).containsExactlyElementsOf(placed);
    }

    @Test
    void forgedOrForeignPageTokensAndBadLimitsAre400() throws Exception {
        place(http, json, order(777, 1, 10));
        place(http, json, order(777, 1, 20));
        String token = json.readTree(http.perform(get("/customers/777/orders").param("limit", "1"))
                .andReturn().getResponse().getContentAsString()).get("nextPageToken").asString();
        // A character in the middle: the last one of unpadded base64 also carries unused bits.
        int at = token.length() / 2;
        String forged = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);

        http.perform(get("/customers/777/orders").param("pageToken", forged)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Invalid page token"));
        http.perform(get("/customers/778/orders").param("pageToken", token)).andExpect(status().isBadRequest());
        http.perform(get("/customers/777/orders").param("pageToken", "%%%")).andExpect(status().isBadRequest());
        http.perform(get("/customers/777/orders").param("limit", "0")).andExpect(status().isBadRequest());
        http.perform(get("/customers/777/orders").param("limit", "101")).andExpect(status().isBadRequest());
        http.perform(get("/customers/0/orders")).andExpect(status().isBadRequest());
        http.perform(get("/customers/777/orders").param("pageToken", token)).andExpect(status().isOk())
                .andExpect(jsonPath("$.orders.length()").value(1));
    }

    @Test
    void latestOfSeveralCustomersComesFromTheirShardsNewestFirst() throws Exception {
        List<Long> customers = List.of(6001L, 6002L, 6003L, 6004L, 6005L, 6006L);
        List<JsonNode> placed = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            placed.add(place(http, json, order(customers.get(i % customers.size()), 1 + i % 5, 100 + i)));
        }
        JsonNode latest = json.readTree(http.perform(get("/orders/latest")
                        .param("customerIds", "6001,6002,6003,6004,6005,6006,6001,999999"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());

        // The oracle: one database holding every order, sorted newest first, limited.
        placed.sort(Comparator.comparing((JsonNode o) -> Instant.parse(o.get("createdAt").asString()))
                .thenComparingLong(o -> o.get("id").asLong()).reversed());
        List<Long> expected = placed.stream().limit(OrderRepository.LATEST_LIMIT).map(o -> o.get("id").asLong())
                .toList();
        List<Long> seen = new ArrayList<>();
        Set<String> shards = new HashSet<>();
        latest.forEach(o -> {
            seen.add(o.get("id").asLong());
            shards.add(o.get("shard").asString());
        });
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(shards).hasSizeGreaterThan(1);
    }

    @Test
    void latestOfCustomersRefusesBadIds() throws Exception {
        http.perform(get("/orders/latest").param("customerIds", "")).andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", PROBLEM.toString()));
        http.perform(get("/orders/latest")).andExpect(status().isBadRequest());
        http.perform(get("/orders/latest").param("customerIds", "5,0")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("positive")));
        http.perform(get("/orders/latest").param("customerIds", "5,abc")).andExpect(status().isBadRequest());
        String tooMany = String.join(",", LongStream.rangeClosed(1, 101)
                .mapToObj(Long::toString).toList());
        http.perform(get("/orders/latest").param("customerIds", tooMany)).andExpect(status().isBadRequest());
    }

    @Test
    void registeredMerchantHasItsProfileOnEveryShardAndTakesOrders() throws Exception {
        http.perform(post("/admin/merchants").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"merchantId\":500,\"name\":\"Noodle Bar\"}"))
                .andExpect(status().isCreated()).andExpect(header().string("Location", "/admin/merchants/500"))
                .andExpect(jsonPath("$.profileShards.length()").value(4))
                .andExpect(jsonPath("$.shard").value(context.getBean(MerchantService.class).shardOf(500)));
        assertThat(profileNames(500)).containsExactly("Noodle Bar", "Noodle Bar", "Noodle Bar", "Noodle Bar");

        http.perform(post("/admin/merchants").contentType(MediaType.APPLICATION_JSON)
                .content("{\"merchantId\":500,\"name\":\"Noodle House\"}")).andExpect(status().isCreated());
        assertThat(profileNames(500)).containsExactly("Noodle House", "Noodle House", "Noodle House",
                "Noodle House");
        place(http, json, order(31, 500, 250));
        assertThat(context.getBean(StatsService.class).stats().shards())
                .allSatisfy(s -> assertThat(s.merchantProfiles()).isEqualTo(21));
    }

    @Test
    void badMerchantRegistrationsAre400AndWriteNothing() throws Exception {
        for (String body : List.of("{\"name\":\"x\"}", "{\"merchantId\":0,\"name\":\"x\"}",
                "{\"merchantId\":501,\"name\":\"  \"}", "{\"merchantId\":501}",
                "{\"merchantId\":501,\"name\":\"" + "n".repeat(101) + "\"}", "{\"merchantId\":")) {
            http.perform(post("/admin/merchants").contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(header().string("Content-Type", PROBLEM.toString()));
        }
        assertThat(profileNames(501)).isEmpty();
        http.perform(get("/admin/merchants/501")).andExpect(status().isNotFound());
    }

    /** The merchant's profile name on each shard that has one, in shard order. */
    private static List<String> profileNames(long merchantId) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        List<String> names = new ArrayList<>();
        for (Shard shard : context.getBean(ShardRegistry.class).shards()) {
            try (ShardScope ignored = ShardContext.bind(shard)) {
                names.addAll(jdbc.queryForList("select name from merchant_profiles where id = ?", String.class,
                        merchantId));
            }
        }
        return names;
    }
}
