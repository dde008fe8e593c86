package io.shardkit.examples.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PageTokensTest {

    private final PageTokens tokens = new PageTokens("a-test-secret-of-enough-length");
    private final PageTokens.Position position = new PageTokens.Position(Instant.parse("2026-01-31T12:00:00.123456Z"),
            251_852_060_314_566_658L);

    @Test
    void tokenRoundTripsAndSurvivesARestartWithTheSameSecret() {
        String token = tokens.encode("window:a/b", position);
        assertThat(tokens.decode("window:a/b", token)).isEqualTo(position);
        assertThat(new PageTokens("a-test-secret-of-enough-length").decode("window:a/b", token)).isEqualTo(position);
    }

    @Test
    void everyAlteredByteIsRefused() {
        byte[] raw = Base64.getUrlDecoder().decode(tokens.encode("q", position));
        for (int i = 0; i < raw.length; i++) {
            byte[] altered = raw.clone();
            altered[i] ^= 1;
            String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
            assertThatThrownBy(() -> tokens.decode("q", forged)).as("byte %d", i)
                    .isInstanceOf(BadPageTokenException.class);
        }
    }

    @Test
    void tokensOfAnotherQueryOrSecretAndGarbageAreRefused() {
        String token = tokens.encode("customer:1", position);
        assertThatThrownBy(() -> tokens.decode("customer:2", token)).hasMessageContaining("signature");
        assertThatThrownBy(() -> new PageTokens("another-secret-of-enough-length").decode("customer:1", token))
                .isInstanceOf(BadPageTokenException.class);
        assertThatThrownBy(() -> tokens.decode("customer:1", "not base64 !")).hasMessageContaining("base64url");
        assertThatThrownBy(() -> tokens.decode("customer:1", "AAAA")).hasMessageContaining("length");
        assertThatThrownBy(() -> new PageTokens("short")).isInstanceOf(IllegalArgumentException.class);
    }
}
