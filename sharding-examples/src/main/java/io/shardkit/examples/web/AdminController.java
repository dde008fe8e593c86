package io.shardkit.examples.web;

import io.shardkit.examples.merchant.MerchantProfile;
import io.shardkit.examples.merchant.MerchantRegistration;
import io.shardkit.examples.merchant.MerchantService;
import io.shardkit.examples.merchant.MoveResult;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin endpoints: registering a merchant, where a merchant lives, and moving it to another shard while orders
 * keep flowing.
 *
 * <p>Thread-safe (stateless).
 */
@RestController
public class AdminController {

    /** Longest merchant name: the width of the name columns. */
    static final int MAX_NAME = 100;

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

    /**
     * The body of a registration.
     *
     * @param merchantId the merchant, a positive number
     * @param name       its display name, 1 to {@value #MAX_NAME} characters
     */
    public record RegisterRequest(@Nullable Long merchantId, @Nullable String name) {
    }

    /**
     * Creates a merchant, or renames one: its row where the directory places it, and its profile on every shard
     * (a {@code @Broadcast}). 201 with the shards written; a shard that failed makes it a 503 (retrying is safe).
     */
    @PostMapping("/admin/merchants")
    public ResponseEntity<MerchantRegistration> register(@RequestBody RegisterRequest request) {
        if (request.merchantId() == null || request.merchantId() <= 0) {
            throw new BadRequestException("merchantId must be a positive number but was " + request.merchantId());
        }
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new BadRequestException("name must have 1 to " + MAX_NAME + " characters but had " + name.length());
        }
        MerchantRegistration done = merchants.register(new MerchantProfile(request.merchantId(), name));
        return ResponseEntity.created(URI.create("/admin/merchants/" + done.merchantId())).body(done);
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
