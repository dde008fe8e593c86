package io.shardkit.scatter.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingRule;
import io.shardkit.scatter.OrderDb.TimeId;
import io.shardkit.scatter.ScatterGatherException;
import io.shardkit.scatter.ScatterGatherExecutor;
import io.shardkit.testing.H2ShardFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeysetPagerTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private final ShardingRule rule = H2ShardFixtures.hashRule("orders", 4);
    private final ScatterGatherExecutor executor = ScatterGatherExecutor.ofDefaults();
    private final List<List<Long>> shardRows = new ArrayList<>();

    @AfterEach
    void close() {
        executor.close();
    }

    private KeysetPager<Long, Long> pager(String secret) {
        return KeysetPager.<Long, Long>builder().secret(secret).order(Comparator.naturalOrder())
                .sortKey(row -> row).codec(SortKeyCodecs.longs()).build();
    }

    private void spread(long rows) {
        for (int i = 0; i < rule.shards().size(); i++) {
            shardRows.add(new ArrayList<>());
        }
        LongStream.range(0, rows).forEach(id -> shardRows.get(rule.shards().indexOf(rule.shardOf(id))).add(id));
    }

    private List<Long> after(int slot, @Nullable Long after, int limit) {
        return shardRows.get(slot).stream().filter(id -> after == null || id > after).limit(limit).toList();
    }

    private Page<Long> page(KeysetPager<Long, Long> pager, String query, @Nullable String token, int size) {
        return pager.page(executor, rule, query, token, size,
                (shard, after, limit) -> after(rule.shards().indexOf(shard), after, limit));
    }

    @Test
    void walksEveryRowOnceInOrderAndEndsWithoutAToken() {
        spread(1000);
        KeysetPager<Long, Long> pager = pager(SECRET);
        List<Long> walked = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Page<Long> page = page(pager, "all", token, 37);
            walked.addAll(page.items());
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(walked).isEqualTo(LongStream.range(0, 1000).boxed().toList());
        assertThat(pages).isBetween(28, 29);
    }

    @Test
    void rowsInsertedBehindTheWalkAreSteppedOverNeverReturnedOutOfOrder() {
        for (int i = 0; i < rule.shards().size(); i++) {
            shardRows.add(new ArrayList<>());
        }
        // Keys 1000 apart, so a shard behind the walk's high-water mark has room for rows inserted behind it.
        List<Long> before = LongStream.range(0, 200).map(i -> i * 1000).boxed().toList();
        before.forEach(k -> shardRows.get(rule.shards().indexOf(rule.shardOf(k))).add(k));
        KeysetPager<Long, Long> pager = pager(SECRET);
        List<Long> walked = new ArrayList<>();
        Page<Long> page = page(pager, "all", null, 10);
        walked.addAll(page.items());
        long highWater = walked.get(walked.size() - 1);
        int behind = -1;
        for (int slot = 0; slot < shardRows.size() && behind < 0; slot++) {
            long last = lastWalkedOn(slot, walked);
            if (last >= 0 && last < highWater) {
                behind = slot;
                // More late rows than a page holds, all between this shard's position and the high-water mark.
                for (long k = last + 1; k <= last + 25; k++) {
                    shardRows.get(slot).add(k);
                }
                shardRows.get(slot).sort(Comparator.naturalOrder());
            }
        }
        assertThat(behind).as("some shard trails the high-water mark").isNotNegative();
        while (page.hasNext()) {
            page = page(pager, "all", page.nextToken(), 10);
            walked.addAll(page.items());
        }
        assertThat(walked).isSorted().doesNotHaveDuplicates().containsAll(before);
        assertThat(walked).hasSize(before.size());
    }

    private long lastWalkedOn(int slot, List<Long> walked) {
        long last = -1;
        for (long k : walked) {
            if (shardRows.get(slot).contains(k)) {
                last = k;
            }
        }
        return last;
    }

    @Test
    void aTokenSurvivesARestartWithTheSameSecret() {
        spread(100);
        String token = page(pager(SECRET), "all", null, 10).nextToken();
        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(page(pager(new String(SECRET.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)), "all",
                token, 10).items()).containsExactly(10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
    }

    @Test
    void refusesForgedForeignAndStaleTokens() {
        spread(100);
        KeysetPager<Long, Long> pager = pager(SECRET);
        String token = page(pager, "all", null, 10).nextToken();
        assertThat(token).isNotNull();
        byte[] raw = Base64.getUrlDecoder().decode(token);
        raw[raw.length / 2] ^= 1;
        String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        raw[raw.length / 2] ^= 1;
        raw[0] = 9;
        String otherVersion = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);

        assertRefused(() -> page(pager, "all", altered, 10), "signature mismatch");
        assertRefused(() -> page(pager(SECRET.replace('0', 'z')), "all", token, 10), "signature mismatch");
        assertRefused(() -> page(pager, "another query", token, 10), "another query");
        assertRefused(() -> page(pager, "all", "not base64 !", 10), "Base64URL");
        assertRefused(() -> page(pager, "all", "", 10), "signature mismatch");
        assertRefused(() -> page(pager, "all", otherVersion, 10), "version 9");
        ShardingRule resharded = H2ShardFixtures.hashRule("orders", 2);
        assertRefused(() -> pager.page(executor, resharded, "all", token, 10, (s, a, l) -> List.of()),
                "another query or shard layout");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String why) {
        assertThatThrownBy(call).isInstanceOf(InvalidPageTokenException.class)
                .hasMessageContaining("Rule 'orders'").hasMessageContaining(why);
    }

    @Test
    void aPageSizeOutsideOneToTheMaximumIsATypedErrorAndAHugeOneCostsNothingUpFront() {
        spread(50);
        KeysetPager<Long, Long> pager = pager(SECRET);
        assertThatThrownBy(() -> page(pager, "q", null, 0)).isInstanceOf(InvalidPageSizeException.class)
                .hasMessage("Rule 'orders': page size 0 is out of range; a page holds 1 to 10000 rows "
                        + "(KeysetPager.Builder.maxPageSize)");
        assertThatThrownBy(() -> page(pager, "q", null, KeysetPager.DEFAULT_MAX_PAGE_SIZE + 1))
                .isInstanceOfSatisfying(InvalidPageSizeException.class, ex -> {
                    assertThat(ex.getPageSize()).isEqualTo(10_001);
                    assertThat(ex.getMaxPageSize()).isEqualTo(10_000);
                });
        // Before: OutOfMemoryError ("Requested array size exceeds VM limit"), the page list sized by page size.
        KeysetPager<Long, Long> unbounded = KeysetPager.<Long, Long>builder().secret(SECRET)
                .order(Comparator.naturalOrder()).sortKey(row -> row).codec(SortKeyCodecs.longs())
                .maxPageSize(Integer.MAX_VALUE).build();
        Page<Long> all = page(unbounded, "q", null, Integer.MAX_VALUE);
        assertThat(all.items()).hasSize(50).isSorted();
        assertThat(all.hasNext()).isFalse();
    }

    @Test
    void refusesAShardThatBreaksThePageContract() {
        spread(50);
        KeysetPager<Long, Long> pager = pager(SECRET);
        assertThatThrownBy(() -> pager.page(executor, rule, "q", null, 5, (s, a, l) -> List.of(1L, 2L, 3L, 4L, 5L,
                6L))).isInstanceOf(ScatterGatherException.class).hasMessageContaining("more than the limit of 5");
        String token = page(pager, "q", null, 5).nextToken();
        assertThatThrownBy(() -> pager.page(executor, rule, "q", token, 5, (s, a, l) -> a == null ? List.of()
                : List.of(a))).isInstanceOf(ScatterGatherException.class)
                .hasMessageContaining("strictly after");
    }

    @Test
    void codecsRoundTripTheirKeys() throws Exception {
        Random random = new Random(7);
        KeysetPager<TimeId, TimeId> pager = KeysetPager.<TimeId, TimeId>builder().secret(SECRET)
                .order(TimeId.ORDER).sortKey(k -> k).codec(TimeId.CODEC).build();
        List<List<TimeId>> shards = new ArrayList<>();
        List<TimeId> all = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            List<TimeId> rows = new ArrayList<>();
            for (long id = s; id < 400; id += 4) {
                rows.add(new TimeId(Instant.ofEpochSecond(1_700_000_000L + random.nextInt(50), 123_456_789), id));
            }
            rows.sort(TimeId.ORDER);
            shards.add(rows);
            all.addAll(rows);
        }
        all.sort(TimeId.ORDER);
        List<TimeId> walked = new ArrayList<>();
        String token = null;
        do {
            Page<TimeId> page = pager.page(executor, rule, "by time", token, 9, (shard, after, limit) ->
                    shards.get(shard.index()).stream().filter(k -> after == null || TimeId.ORDER.compare(k, after) > 0)
                            .limit(limit).toList());
            walked.addAll(page.items());
            token = page.nextToken();
        } while (token != null);
        assertThat(walked).isEqualTo(all);

        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        SortKeyCodecs.strings().write("zürich ✓", out);
        assertThat(SortKeyCodecs.strings().read(new java.io.DataInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray())))).isEqualTo("zürich ✓");
    }

    @Test
    void builderRequiresAStrongSecretAndEverySetting() {
        assertThatThrownBy(() -> KeysetPager.builder().secret("short"))
                .isInstanceOf(ShardingConfigurationException.class).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> KeysetPager.builder().secret(SECRET).build())
                .isInstanceOf(ShardingConfigurationException.class).hasMessageContaining("order");
    }
}
