package io.microai.gateway.store;

import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Receipts in the shared Redis, as the JSON they were signed in, under {@code microai:receipt:<id>} with
 * the receipt TTL, so every gateway of a fleet can answer a lookup. This class knows only ids and text;
 * what a receipt is stays in the receipt package.
 */
public final class RedisReceiptStore {
    public static final List<String> OPERATIONS = List.of("put", "get");
    private static final String PREFIX = "microai:receipt:";

    private final RedisConnector redis;
    private final Duration ttl;

    public RedisReceiptStore(RedisConnector redis, Duration ttl) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
    }

    /**
     * Stores {@code json} under {@code id} unless the id is taken.
     *
     * @return the text already stored under the id, or empty when this call stored it
     * @throws ReceiptStoreUnavailableException when Redis cannot answer (counted)
     */
    public Optional<String> putIfAbsent(String id, String json) {
        // Twice at most: the holder of a taken id may expire between the SET and the GET.
        for (int attempt = 0; attempt < 2; attempt++) {
            String answer = redis.call(RedisStore.RECEIPT, "put", c -> c.set(PREFIX + id, json, SetArgs.Builder.nx().px(ttl.toMillis())));
            if ("OK".equalsIgnoreCase(answer)) {
                return Optional.empty();
            }
            Optional<String> held = get(id);
            if (held.isPresent()) {
                return held;
            }
        }
        return get(id);
    }

    /** @throws ReceiptStoreUnavailableException when Redis cannot answer (counted) */
    public Optional<String> get(String id) {
        return Optional.ofNullable(redis.call(RedisStore.RECEIPT, "get", c -> c.get(PREFIX + id)));
    }
}
