package io.microai.gateway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.SetArgs;
import io.microai.gateway.metrics.StoreFailure;
import io.microai.gateway.payment.IssuedPayment;
import io.microai.gateway.payment.Lookup;
import io.microai.gateway.payment.NonceStore;
import io.microai.gateway.payment.NonceStoreUnavailableException;
import io.microai.shared.http.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@link NonceStore} shared by a fleet of gateways through Redis, with the in-memory store's semantics.
 *
 * <p>One key per nonce, {@code microai:nonce:<nonce>}, holding
 * {@code {"state":"issued"|"used","grace_ms":G,"payment":{…the IssuedPayment…}}}:
 * <ul>
 *   <li><b>issue</b>: {@code SET key value NX PX (usable + grace)}, where usable = the earlier of the payment's
 *       expiry and issue time + TTL, as in memory. {@code NX} makes a re-issue fail, so a spent nonce is never
 *       revived.</li>
 *   <li><b>usable</b> while the key's remaining time-to-live is above the grace period: expiry is judged by
 *       Redis' own clock, so gateways with skewed clocks agree on it. Past it the nonce is {@code EXPIRED};
 *       once Redis drops the key (end of the grace period, or {@code maxmemory} eviction) it is
 *       {@code UNKNOWN}, which is rejected too: the store fails closed.</li>
 *   <li><b>consume</b>: one Lua script reads the state and the time-to-live and flips {@code issued → used}
 *       keeping the time-to-live, returning the payload. Redis runs scripts one at a time, so of any number of
 *       concurrent consumers on any number of gateways exactly one gets {@code CONSUMED}.</li>
 *   <li><b>peek</b>: GET and PTTL in one read-only script (one round trip).</li>
 * </ul>
 * Any Redis failure is a {@link NonceStoreUnavailableException}. A consume that timed out may or may not have been
 * applied; the client hears 503 and either retries (and succeeds, or hears 409) or asks for a new challenge.
 */
public final class RedisNonceStore implements NonceStore {
    public static final String KEY_PREFIX = "microai:nonce:";
    /** The closed {@code operation} label set of this store's calls. */
    public static final List<String> OPERATIONS = List.of("issue", "peek", "consume", "release");
    private static final String ISSUED_PREFIX = "{\"state\":\"issued\"";

    /** Returns {value, pttl}, or nil for a missing key. */
    static final RedisConnector.Script PEEK = RedisConnector.Script.of("""
            local v = redis.call('GET', KEYS[1])
            if not v then return nil end
            return {v, redis.call('PTTL', KEYS[1])}
            """);

    /** Returns {'consumed', value} | {'already_used'} | {'expired'} | {'unknown'} | {'corrupt'}. */
    static final RedisConnector.Script CONSUME = RedisConnector.Script.of("""
            local v = redis.call('GET', KEYS[1])
            if not v then return {'unknown'} end
            local ok, doc = pcall(cjson.decode, v)
            if not ok or type(doc) ~= 'table' then return {'corrupt'} end
            if doc.state == 'used' then return {'already_used'} end
            if doc.state ~= 'issued' or string.sub(v, 1, 17) ~= '{"state":"issued"' then return {'corrupt'} end
            local grace = tonumber(doc.grace_ms) or 0
            local pttl = redis.call('PTTL', KEYS[1])
            if pttl ~= -1 and pttl <= grace then return {'expired'} end
            local used = '{"state":"used"' .. string.sub(v, 18)
            if pttl == -1 then
              redis.call('SET', KEYS[1], used)
            else
              redis.call('SET', KEYS[1], used, 'PX', pttl)
            end
            return {'consumed', v}
            """);

    /** Flips {@code used → issued} keeping the time-to-live; 1 when it did, 0 when the nonce was not used. */
    static final RedisConnector.Script RELEASE = RedisConnector.Script.of("""
            local v = redis.call('GET', KEYS[1])
            if not v or string.sub(v, 1, 15) ~= '{"state":"used"' then return 0 end
            local issued = '{"state":"issued"' .. string.sub(v, 16)
            local pttl = redis.call('PTTL', KEYS[1])
            if pttl == -1 then
              redis.call('SET', KEYS[1], issued)
            elseif pttl > 0 then
              redis.call('SET', KEYS[1], issued, 'PX', pttl)
            else
              return 0
            end
            return 1
            """);

    private final RedisConnector redis;
    private final Duration ttl;
    private final long graceMillis;
    private final Clock clock;

    /**
     * @param ttl   how long an issued nonce stays usable
     * @param grace how long it is remembered after that, to report EXPIRED / ALREADY_USED precisely
     * @param clock the issuing gateway's clock, read only to shorten the time-to-live to the payment's expiry
     */
    public RedisNonceStore(RedisConnector redis, Duration ttl, Duration grace, Clock clock) {
        this.redis = Objects.requireNonNull(redis, "redis");
        NonceStore.checkLifetimes(ttl, grace);
        this.ttl = ttl;
        this.graceMillis = grace.toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static String key(String nonce) {
        return KEY_PREFIX + nonce;
    }

    @Override
    public void issue(String nonce, IssuedPayment payment) {
        NonceStore.checkIssue(nonce, payment);
        long now = clock.millis();
        long usable = Math.max(0, Math.min(payment.expiresAtEpochMillis() - now, ttl.toMillis()));
        long px = Math.max(1, usable + graceMillis);
        String value = encode(payment);
        String answer = redis.call(RedisStore.NONCE, "issue", c -> c.set(key(nonce), value, SetArgs.Builder.nx().px(px)));
        if (answer == null) {
            throw new IllegalStateException("nonce already issued");
        }
    }

    @Override
    public Lookup peek(String nonce) {
        if (nonce == null) {
            return Lookup.unknown();
        }
        List<Object> answer = redis.script(RedisStore.NONCE, "peek", PEEK, new String[] {key(nonce)});
        if (answer == null || answer.isEmpty() || answer.get(0) == null) {
            return Lookup.unknown(); // the script's nil
        }
        StoredNonce stored = decode(answer.get(0));
        long pttl = ((Number) answer.get(1)).longValue();
        if (stored.used()) {
            return Lookup.alreadyUsed();
        }
        if (pttl != -1 && pttl <= stored.graceMillis()) {
            return Lookup.expired();
        }
        return Lookup.available(stored.payment());
    }

    @Override
    public Lookup consume(String nonce) {
        if (nonce == null) {
            return Lookup.unknown();
        }
        List<Object> answer = redis.script(RedisStore.NONCE, "consume", CONSUME, new String[] {key(nonce)});
        String status = answer == null || answer.isEmpty() ? "corrupt" : String.valueOf(answer.get(0));
        switch (status) {
            case "consumed":
                return Lookup.consumed(decode(answer.get(1)).payment());
            case "already_used":
                return Lookup.alreadyUsed();
            case "expired":
                return Lookup.expired();
            case "unknown":
                return Lookup.unknown();
            default:
                throw corrupt("the stored nonce is not in this gateway's format", null);
        }
    }

    @Override
    public void release(String nonce) {
        if (nonce != null) {
            redis.script(RedisStore.NONCE, "release", RELEASE, new String[] {key(nonce)});
        }
    }

    @Override
    public boolean remote() {
        return true;
    }

    public Duration ttl() {
        return ttl;
    }

    /** Field order matters: the consume script rewrites the {@code {"state":"issued"} prefix in place. */
    String encode(IssuedPayment p) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("state", "issued");
        root.put("grace_ms", graceMillis);
        ObjectNode payment = root.putObject("payment");
        payment.put("recipient", p.recipient());
        payment.put("token", p.token());
        payment.put("amount", p.amount());
        payment.put("nonce", p.nonce());
        payment.put("chainId", p.chainId());
        payment.put("issuedAt", p.issuedAtEpochMillis());
        payment.put("expiresAt", p.expiresAtEpochMillis());
        if (p.boundTo() != null) {
            payment.put("boundTo", p.boundTo());
        }
        try {
            String json = Json.MAPPER.writeValueAsString(root);
            if (!json.startsWith(ISSUED_PREFIX + ",")) {
                throw new IllegalStateException("unexpected JSON layout: " + json);
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private StoredNonce decode(Object raw) {
        try {
            return StoredNonce.decode(String.valueOf(raw));
        } catch (IllegalArgumentException e) {
            throw corrupt("the stored nonce could not be read: " + e.getMessage(), e);
        }
    }

    private RuntimeException corrupt(String message, Throwable cause) {
        // Counted like any other store error: fail closed, never a 500.
        return redis.failure(RedisStore.NONCE, StoreFailure.ERROR, message, cause);
    }
}
