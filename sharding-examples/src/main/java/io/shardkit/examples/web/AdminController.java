package io.shardkit.examples.web;

import io.shardkit.examples.merchant.MerchantService;
import io.shardkit.examples.merchant.MoveResult;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin endpoints: where a merchant lives, and moving it to another shard while orders keep flowing.
 *
 * <p>Thread-safe (stateless).
 */
@RestController
public class AdminController {

    private final MerchantService merchants;

    public AdminController(MerchantService merchants) {
        this.merchants = merchants;
    }

    /**
     * The body of a move.
     *
     * @param toShard the shard to move the merchant to, e.g. {@code shard-3}
     */
    public record MoveRequest(@Nullable String toShard) {
    }

    /**
     * Where a merchant lives.
     *
     * @param merchantId the merchant
     * @param shard      its shard
     */
    public record MerchantPlacement(long merchantId, String shard) {
    }

    @GetMapping("/admin/merchants/{id}")
    public MerchantPlacement placement(@PathVariable long id) {
        return new MerchantPlacement(id, merchants.shardOf(id));
    }

    @PostMapping("/admin/merchants/{id}/move")
    public MoveResult move(@PathVariable long id, @RequestBody MoveRequest request) {
        if (request.toShard() == null || request.toShard().isBlank()) {
            throw new BadRequestException("toShard is required, e.g. {\"toShard\": \"shard-3\"}");
        }
        return merchants.move(id, request.toShard());
    }
}
