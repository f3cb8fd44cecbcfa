package io.microai.gateway.store;

import io.lettuce.core.SetArgs;
import io.microai.gateway.payment.NonceStoreUnavailableException;
import io.microai.gateway.payment.x402.AuthorizationLedger;
import io.microai.gateway.payment.x402.ReplayKey;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * {@link AuthorizationLedger} shared by a fleet of gateways through Redis: one key per authorization,
 * {@code microai:} followed by the replay key ({@code x402:eip155:<chain>:<asset>:<from>:<nonce>}), claimed with
 * {@code SET key 1 NX PXAT rememberUntil}. {@code NX} is atomic in Redis, so of any number of concurrent claims on
 * any number of gateways exactly one sets the key; {@code PXAT} keeps it until the authorization could no longer
 * pass the time checks, by Redis' clock. It lives in the nonce store's Redis and is measured as the nonce store
 * (operation {@code claim}); any failure is {@code UNAVAILABLE}, so the payment is refused (fail closed). A claim
 * that timed out may have been applied: the client hears 503, and a retry of the same authorization is then refused
 * as already used, never paid twice.
 */
public final class RedisAuthorizationLedger implements AuthorizationLedger {
    private static final Logger LOG = Logger.getLogger(RedisAuthorizationLedger.class.getName());
    public static final String KEY_PREFIX = "microai:";
    /** The {@code operation} label of this ledger's calls, beside the nonce store's {@link RedisNonceStore#OPERATIONS}. */
    public static final List<String> OPERATIONS = List.of("claim", "release");

    private final RedisConnector redis;

    public RedisAuthorizationLedger(RedisConnector redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    public static String key(ReplayKey key) {
        return KEY_PREFIX + key.value();
    }

    @Override
    public Claim claim(ReplayKey key) {
        SetArgs once = SetArgs.Builder.nx().pxAt(key.rememberUntil().toEpochMilli());
        try {
            String answer = redis.call(RedisStore.NONCE, "claim", c -> c.set(key(key), "1", once));
            return answer == null ? Claim.ALREADY_USED : Claim.CLAIMED;
        } catch (NonceStoreUnavailableException e) {
            LOG.info(e::getMessage); // counted in gateway_store_errors_total{store="nonce"}
            return Claim.UNAVAILABLE;
        }
    }

    @Override
    public void release(ReplayKey key) {
        try {
            redis.call(RedisStore.NONCE, "release", c -> c.del(key(key)));
        } catch (NonceStoreUnavailableException e) {
            // The claim stays: the payer cannot retry this authorization, as before, but nothing is served twice.
            LOG.info(e::getMessage);
        }
    }
}
